package io.tributary.bench;

/**
 * The names every {@link Scenario} carries, fixed at construction; subclasses implement {@link #run} only.
 */
abstract class NamedScenario implements Scenario {

    private final String system;
    private final String scenario;
    private final String baseline;

    /**
     * @param baseline the raw-JMS scenario to compare with, or null for none
     */
    NamedScenario(String system, String scenario, String baseline) {
        this.system = system;
        this.scenario = scenario;
        this.baseline = baseline;
    }

    @Override
    public final String system() {
        return system;
    }

    @Override
    public final String scenario() {
        return scenario;
    }

    @Override
    public final String baseline() {
        return baseline;
    }
}
