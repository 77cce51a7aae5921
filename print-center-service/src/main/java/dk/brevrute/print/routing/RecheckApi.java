package dk.brevrute.print.routing;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dk.brevrute.events.Channel;

/** routing-service's re-check of letters' channels, asked before a print batch closes. */
@Path("/internal/v1/routing/recheck")
public interface RecheckApi {

    record Request(List<UUID> letterIds) {
    }

    record Decision(UUID letterId, Channel channel, String reason) {
    }

    record Answer(List<Decision> decisions) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Answer recheck(@HeaderParam("Authorization") String authorization, Request request);
}
