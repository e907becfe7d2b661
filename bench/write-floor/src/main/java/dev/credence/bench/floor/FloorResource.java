package dev.credence.bench.floor;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The least a score endpoint could do on this machine, in three forms (bench/write-floor.sh,
 * docs/benchmarks.md "The floor of any design"). Each parses the same body as {@code POST
 * /v1/scores}, hashes the identifier and answers a score-sized JSON document, on the event loop:
 *
 * <ul>
 *   <li>{@code /v1/floor/read}: one primary-key read (the subject by identifier hash), no write;
 *   <li>{@code /v1/floor/write}: no read (as if consents and files were all in memory), one row
 *       written per request through a group commit, answered once durable;
 *   <li>{@code /v1/floor/read-write}: both;
 *   <li>{@code /v1/floor/batched-read} and {@code /v1/floor/batched-read-write}: the read of every
 *       request waiting at that moment in one statement ({@link GroupRead}), as the group commit
 *       does for writes.
 * </ul>
 *
 * <p>No token check, no consent rule, no model, no event, no access log: every one of those can
 * only add to the cost, so what these make is an upper bound for the real path.
 */
@Path("/v1/floor")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FloorResource {

  public record Subject(String identifierType, String identifier) {}

  public record ScoreRequest(Subject subject, String purpose) {}

  @Inject Pool pool;
  @Inject GroupCommit commits;
  @Inject GroupRead reads;

  @POST
  @Path("/batched-read")
  public Uni<Map<String, Object>> batchedRead(ScoreRequest request) {
    String hash = hash(valid(request));
    return findBatched(hash).map(subjectId -> answer(request, subjectId, hash, UUID.randomUUID()));
  }

  @POST
  @Path("/batched-read-write")
  public Uni<Map<String, Object>> batchedReadWrite(ScoreRequest request) {
    String hash = hash(valid(request));
    return findBatched(hash).flatMap(subjectId -> release(request, subjectId, hash));
  }

  private Uni<String> findBatched(String hash) {
    return Uni.createFrom()
        .completionStage(reads.find(hash))
        .map(found -> found.orElseThrow(() -> new WebApplicationException(404)));
  }

  @POST
  @Path("/read")
  public Uni<Map<String, Object>> read(ScoreRequest request) {
    String hash = hash(valid(request));
    return find(hash).map(subjectId -> answer(request, subjectId, hash, UUID.randomUUID()));
  }

  @POST
  @Path("/write")
  public Uni<Map<String, Object>> write(ScoreRequest request) {
    String hash = hash(valid(request));
    return release(request, "sub-" + hash.substring(0, 16), hash);
  }

  @POST
  @Path("/read-write")
  public Uni<Map<String, Object>> readWrite(ScoreRequest request) {
    String hash = hash(valid(request));
    return find(hash).flatMap(subjectId -> release(request, subjectId, hash));
  }

  private Uni<String> find(String hash) {
    return pool.preparedQuery("select subject_id from floor_subject where identifier_hash = $1")
        .execute(Tuple.of(hash))
        .map(
            (RowSet<Row> rows) -> {
              var it = rows.iterator();
              if (!it.hasNext()) {
                throw new WebApplicationException(404);
              }
              return it.next().getString(0);
            });
  }

  private Uni<Map<String, Object>> release(ScoreRequest request, String subjectId, String hash) {
    UUID id = timeOrdered();
    int score = 300 + Math.floorMod(hash.hashCode(), 551);
    GroupCommit.Row row =
        new GroupCommit.Row(
            id,
            "demo-lender",
            subjectId,
            request.purpose(),
            score,
            REASONS_JSON,
            "{\"utilisation\":0.42,\"oldestMonths\":84,\"hardInquiries\":1}",
            hash,
            Instant.now());
    return Uni.createFrom()
        .completionStage(commits.submit(row))
        .map(done -> answer(request, subjectId, hash, id));
  }

  private static Map<String, Object> answer(
      ScoreRequest request, String subjectId, String hash, UUID id) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("disclosureId", id.toString());
    m.put("subjectId", subjectId);
    m.put("purpose", request.purpose());
    m.put("outcome", "SCORED");
    m.put("score", 300 + Math.floorMod(hash.hashCode(), 551));
    m.put("scale", Map.of("min", 300, "max", 850));
    m.put("band", "Good");
    m.put("reasonCodes", REASONS);
    m.put("model", Map.of("id", "person-starter", "version", "1"));
    m.put("computedAt", Instant.now().toString());
    m.put("snapshotHash", hash);
    return m;
  }

  private static final List<Map<String, Object>> REASONS =
      List.of(
          Map.of("code", "REVOLVING_UTILISATION", "text", "Balances are high", "pointsLost", 23),
          Map.of("code", "OPEN_ACCOUNTS", "text", "Number of open accounts", "pointsLost", 17),
          Map.of("code", "ACCOUNT_HISTORY_LENGTH", "text", "Length of history", "pointsLost", 9));
  private static final String REASONS_JSON =
      "[{\"code\":\"REVOLVING_UTILISATION\",\"pointsLost\":23},"
          + "{\"code\":\"OPEN_ACCOUNTS\",\"pointsLost\":17},"
          + "{\"code\":\"ACCOUNT_HISTORY_LENGTH\",\"pointsLost\":9}]";

  private static ScoreRequest valid(ScoreRequest request) {
    if (request == null
        || request.subject() == null
        || request.subject().identifier() == null
        || request.purpose() == null) {
      throw new WebApplicationException(400);
    }
    return request;
  }

  private static String hash(ScoreRequest request) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(
              digest.digest(request.subject().identifier().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Time-ordered like scoring's disclosure ids, so the primary key grows at its right edge. */
  private static UUID timeOrdered() {
    long ms = System.currentTimeMillis();
    long hi = (ms << 16) | 0x7000L | (ThreadLocalRandom.current().nextLong() & 0x0fffL);
    long lo = (ThreadLocalRandom.current().nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(hi, lo);
  }
}
