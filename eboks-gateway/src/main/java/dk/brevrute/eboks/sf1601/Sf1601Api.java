package dk.brevrute.eboks.sf1601;

import java.io.InputStream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** The two SF1601 operations, as HTTP. Built in {@link Sf1601Client} with the configured base URL and timeouts. */
@Path("/service")
public interface Sf1601Api {

    /**
     * The MeMo message is streamed from {@code kombiRequest}, which the caller opens and closes (a
     * {@code File} body would leave the client's file handle open after every call).
     */
    @POST
    @Path("/KombiPostAfsend_1/memos")
    @Consumes("application/xml")
    @Produces("application/json")
    Response send(@HeaderParam("X-TransaktionsId") String transactionId, @HeaderParam("X-TransaktionsTid") String transactionTime,
            @HeaderParam("Authorization") String authorization, InputStream kombiRequest);

    /** The CPR number is in the query string (the protocol's choice): this URL is never logged. */
    @GET
    @Path("/PostForespoerg_1/digitalpost")
    @Produces("application/json")
    Response digitalPost(@QueryParam("cprNumber") String cprNumber, @HeaderParam("X-TransaktionsId") String transactionId,
            @HeaderParam("X-TransaktionsTid") String transactionTime, @HeaderParam("Authorization") String authorization);
}
