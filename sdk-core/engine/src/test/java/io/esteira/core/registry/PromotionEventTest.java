package io.esteira.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PromotionEventTest {

  private static PromotionEvent event(String commit) {
    return new PromotionEvent(
        "recsys",
        2,
        PromotionEvent.PROMOTED,
        "Production",
        "Staging",
        "ana",
        Instant.parse("2026-11-26T23:40:00Z"),
        commit);
  }

  @Test
  void anUnknownCommitIsLeftOutOfTheHistoryAndReadBackAsAbsent() {
    String history = event("").appendTo(null);
    RegisteredVersion v =
        new RegisteredVersion(
            "recsys",
            2,
            "Production",
            List.of(),
            "READY",
            "run",
            Instant.EPOCH,
            new TreeMap<>(Map.of(Tags.HISTORY, history)),
            new TreeMap<>());

    assertThat(history).doesNotContain("commit");
    assertThat(PromotionEvent.read(v))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.commit()).isEmpty();
              assertThat(e.describe()).endsWith("by ana").doesNotContain("commit");
            });
  }

  @Test
  void aKnownCommitIsKept() {
    assertThat(event("abc1234").appendTo(null)).contains("\"commit\":\"abc1234\"");
  }
}
