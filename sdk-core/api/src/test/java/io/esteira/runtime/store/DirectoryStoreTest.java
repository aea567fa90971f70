package io.esteira.runtime.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code file:} store on a real file system. */
class DirectoryStoreTest {

  @TempDir Path directory;

  @Test
  void storeThenFetchCopiesTheBytesUnderStepSlashName() throws Exception {
    DirectoryStore store = DirectoryStore.of(directory.resolve("artifacts").toUri());
    Path source = Files.writeString(directory.resolve("features.csv"), "a,b\n1,2\n");

    store.store("extract_features", "reports/features.csv", source);
    Path target = directory.resolve("work/score_model/1/features.csv");
    store.fetch("extract_features", "reports/features.csv", target);

    Path item = directory.resolve("artifacts/extract_features/reports/features.csv");
    assertThat(item).hasContent("a,b\n1,2\n");
    assertThat(target).hasContent("a,b\n1,2\n");
    assertThat(store.describe("extract_features", "reports/features.csv"))
        .isEqualTo(item.toString());
    assertThat(store.list("extract_features")).containsExactly("reports/features.csv");
    // Copies, not links: the reader changing its input leaves the item as stored.
    Files.writeString(target, "changed");
    assertThat(item).hasContent("a,b\n1,2\n");
    try (Stream<Path> left = Files.list(item.getParent())) {
      assertThat(left).containsExactly(item);
    }
  }

  @Test
  void storingAgainReplacesTheItem() throws Exception {
    DirectoryStore store = new DirectoryStore(directory.resolve("artifacts"));
    store.store("s", "x.txt", Files.writeString(directory.resolve("one"), "one"));
    store.store("s", "x.txt", Files.writeString(directory.resolve("two"), "two"));

    assertThat(store.file("s", "x.txt")).hasContent("two");
  }

  @Test
  void aMissingItemNamesTheStepTheNameTheAddressAndWhatTheStepStored() throws Exception {
    DirectoryStore store = new DirectoryStore(directory);
    store.store("extract_features", "other.csv", Files.writeString(directory.resolve("f"), "x"));

    assertThatThrownBy(
            () -> store.fetch("extract_features", "features.csv", directory.resolve("t")))
        .isInstanceOf(MissingItemException.class)
        .hasMessage(
            "[ESTEIRA-DATA-MISSING-ITEM] step 'extract_features' stored no output 'features.csv'"
                + " in this run ("
                + directory.resolve("extract_features/features.csv")
                + "; it stored other.csv); check that 'extract_features' declares 'features.csv'"
                + " as an output (@Step(outputs) or outputs: in config.yaml) or asks for it with"
                + " ctx.output, and that it succeeded in this run");
    assertThatThrownBy(() -> store.fetch("train", "model.bin", directory.resolve("t")))
        .hasMessageContaining("; it stored nothing)");
  }

  @Test
  void namesThatWouldLeaveTheRootAreRefused() {
    DirectoryStore store = new DirectoryStore(directory);

    assertThatThrownBy(() -> store.store("s", "../../etc/x", directory))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ESTEIRA-DATA-BAD-NAME");
    assertThatThrownBy(() -> store.fetch("..", "x", directory))
        .hasMessageContaining("ESTEIRA-DATA-BAD-STEP");
  }
}
