package io.esteira.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.esteira.runtime.store.DirectoryStore;
import io.esteira.runtime.store.RunStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening {@code ESTEIRA_STORE} through the providers ServiceLoader finds. */
class RunStoresTest {

  @TempDir Path directory;

  private final ClassLoader loader = getClass().getClassLoader();

  @Test
  void aFileRootOpensTheBuiltInDirectoryStore() {
    RunStore store = RunStores.open(directory.toUri().toString(), loader);

    assertThat(store).isInstanceOf(DirectoryStore.class);
    assertThat(((DirectoryStore) store).root()).isEqualTo(directory);
    assertThat(store.describe("a", "x.csv")).isEqualTo(directory.resolve("a/x.csv").toString());
  }

  @Test
  void anS3RootWithoutEsteiraS3NamesTheDependencyToAdd() {
    assertThatThrownBy(() -> RunStores.open("s3://bucket/recsys/dev/exec-1/", loader))
        .isInstanceOf(RunStores.RunStoreException.class)
        .hasMessage(
            "error: [ESTEIRA-RUN-STORE-NEEDS-S3] ESTEIRA_STORE is 's3://bucket/recsys/dev/exec-1/',"
                + " an S3 store, but nothing on the class path opens s3:// stores; add the"
                + " dependency io.esteira:esteira-s3 to the pipeline (it must be in the step image)"
                + " and rebuild");
  }

  @Test
  void anUnknownSchemeListsTheKnownOnes() {
    assertThatThrownBy(() -> RunStores.open("gs://bucket/x/", loader))
        .hasMessage(
            "error: [ESTEIRA-RUN-STORE-NO-PROVIDER] ESTEIRA_STORE is 'gs://bucket/x/', but nothing"
                + " on the class path opens gs: stores (schemes known: file); use one of them, or"
                + " add the module that provides the scheme");
  }

  @Test
  void aRootWithoutSchemeIsNotAStoreRoot() {
    assertThatThrownBy(() -> RunStores.open("/tmp/artifacts/", loader))
        .hasMessageStartingWith(
            "error: [ESTEIRA-RUN-STORE-BAD-URI] ESTEIRA_STORE is '/tmp/artifacts/', which is not a"
                + " store root: it has no scheme");
    assertThatThrownBy(() -> RunStores.open("file:/a b/", loader))
        .hasMessageContaining("ESTEIRA-RUN-STORE-BAD-URI");
  }
}
