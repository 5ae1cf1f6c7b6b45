package it.io.tributary.library;

import io.tributary.cdi.Stream;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A user's own resource: sends and receives through an injected producer and consumer, and fails in its own ways. */
@Path("orders")
@RequestScoped
public class OrdersResource {

    @Inject
    @Stream("orders")
    Producer orders;

    @Inject
    @Stream("orders")
    Consumer received;

    @GET
    public String list() {
        return "the shop's orders";
    }

    @POST
    public String place(String order) throws Exception {
        orders.send(Message.ofText(order)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return "placed";
    }

    @GET
    @Path("next")
    public String next() throws InterruptedException {
        List<Message> batch = received.receive(1, Duration.ofSeconds(10));
        batch.forEach(received::ack);
        return batch.isEmpty() ? "" : batch.get(0).text();
    }

    @GET
    @Path("conflict")
    public String conflict() {
        throw new IllegalStateException("order 7 is already shipped");
    }

    @GET
    @Path("invalid")
    public String invalid() {
        throw new IllegalArgumentException("order 7 has no lines");
    }
}
