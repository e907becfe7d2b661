package dev.credence.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem document; extension members go next to the standard ones. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public final class Problem {
  public static final String MEDIA_TYPE = "application/problem+json";

  private final String type;
  private final String title;
  private final int status;
  private final String detail;
  private final String instance;
  private final Map<String, Object> extensions;

  public Problem(ProblemType type, String detail, String instance, Map<String, Object> extensions) {
    this.type = type.uri().toString();
    this.title = type.title();
    this.status = type.status();
    this.detail = detail;
    this.instance = instance;
    this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
  }

  public String getType() {
    return type;
  }

  public String getTitle() {
    return title;
  }

  public int getStatus() {
    return status;
  }

  public String getDetail() {
    return detail;
  }

  public String getInstance() {
    return instance;
  }

  @JsonAnyGetter
  public Map<String, Object> getExtensions() {
    return extensions;
  }
}
