package it.io.tributary.library;

import io.tributary.cdi.Stream;
import io.tributary.stream.Producer;
import io.tributary.stream.Message;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import java.util.concurrent.TimeUnit;

/** A user's own resource: sends through an injected producer, and fails in its own ways. */
@Path("orders")
@RequestScoped
public class OrdersResource {

    @Inject
    @Stream("orders")
    Producer orders;

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
