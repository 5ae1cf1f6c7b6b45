package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UsernameAndPassword;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operations console in a real browser: Debian's headless Chromium driven by Selenium through
 * {@code /usr/bin/chromedriver} (nothing downloaded), against the application on Liberty. It loads the
 * page as the admin user (HTTP Basic, answered through the DevTools protocol), sees a stream's backlog,
 * opens its dead letters, redrives one (accepting the confirmation) and sees it arrive: the stream's
 * backlog grows by one and its dead letters shrink by one; it sees an event stream's head and retained
 * range, replays part of it into a new stream (accepting the confirmation) and sees the events arrive
 * there as that stream's backlog. Each test saves a screenshot under {@code target/console.png}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleBrowserIT {

    private static final String STREAM = "it-console-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Deployment(testable = false)
    static WebArchive deployment() {
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "console-it-config.jar").addAsManifestResource(
                new StringAsset(ConsoleDeadLetters.STREAM_KEY + "=" + STREAM + "\n"), "microprofile-config.properties");
        return Deployments.application(ConsoleDeadLetters.class).addAsLibrary(config);
    }

    @ArquillianResource
    URL base;

    private Path profile;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() throws IOException {
        profile = Files.createTempDirectory("console-it-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1600,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.register(UsernameAndPassword.of(System.getenv("TRIBUTARY_HTTP_ADMIN_USER"),
                System.getenv("TRIBUTARY_HTTP_ADMIN_PASSWORD")));
        browser = chrome;
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void showsTheBacklogAndRedrivesADeadLetterBackToItsStream() throws Exception {
        browser.get(base.toURI().resolve("tributary/console/").toString());
        WebDriverWait wait = new WebDriverWait(browser, DEADLINE);
        By row = By.cssSelector("tr[data-stream='" + STREAM + "']");
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-stream='" + STREAM + "'] td.backlog"),
                String.valueOf(ConsoleDeadLetters.WAITING)));
        assertEquals(String.valueOf(ConsoleDeadLetters.DEAD),
                browser.findElement(row).findElement(By.cssSelector("td.dead-letters")).getText());

        browser.findElement(row).findElement(By.xpath(".//button[text()='dead letters']")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#letters tr[data-id]"),
                ConsoleDeadLetters.DEAD));
        WebElement letter = browser.findElements(By.cssSelector("#letters tr[data-id]")).get(0);
        String id = letter.getAttribute("data-id");
        assertTrue(letter.getText().contains("price missing"), letter.getText());
        letter.findElement(By.cssSelector("input.pick")).click();
        browser.findElement(By.id("redrive-selected")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();

        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-stream='" + STREAM + "'] td.backlog"),
                String.valueOf(ConsoleDeadLetters.WAITING + 1)));
        assertEquals(String.valueOf(ConsoleDeadLetters.DEAD - 1),
                browser.findElement(row).findElement(By.cssSelector("td.dead-letters")).getText());
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#letters tr[data-id]"),
                ConsoleDeadLetters.DEAD - 1));
        assertTrue(browser.findElements(By.cssSelector("#letters tr[data-id='" + id + "']")).isEmpty(),
                "the redriven letter left the dead letters");
        screenshot();
    }

    @Test
    void showsAnEventStreamsRangeAndReplaysItIntoAStream() throws Exception {
        browser.get(base.toURI().resolve("tributary/console/").toString());
        WebDriverWait wait = new WebDriverWait(browser, DEADLINE);
        String ledger = "tr[data-event-stream='" + ConsoleDeadLetters.EVENTS_OWNER + "/" + STREAM + "']";
        wait.until(ExpectedConditions.textToBe(By.cssSelector(ledger + " td.head"),
                String.valueOf(ConsoleDeadLetters.EVENTS)));
        assertEquals("0", browser.findElement(By.cssSelector(ledger + " td.first")).getText());

        browser.findElement(By.cssSelector(ledger)).findElement(By.xpath(".//button[text()='replay...']")).click();
        String target = STREAM + "-replayed";
        WebElement from = browser.findElement(By.id("replay-from"));
        from.clear();
        from.sendKeys("1");
        browser.findElement(By.id("replay-to")).sendKeys(target);
        browser.findElement(By.id("replay")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("replay-result"), "replayed "
                + (ConsoleDeadLetters.EVENTS - 1) + " event(s)"));
        wait.until(ExpectedConditions.textToBe(By.cssSelector("tr[data-stream='" + target + "'] td.backlog"),
                String.valueOf(ConsoleDeadLetters.EVENTS - 1)));
        screenshot();
    }

    private void screenshot() throws IOException {
        ((ChromeDriver) browser).executeScript("window.scrollTo(0, 0)");
        Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "console.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
