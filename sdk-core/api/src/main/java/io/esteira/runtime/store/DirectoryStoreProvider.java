package io.esteira.runtime.store;

import java.net.URI;

/** Opens {@code file:} store roots as {@link DirectoryStore}s; registered for ServiceLoader. */
public final class DirectoryStoreProvider implements RunStoreProvider {

  @Override
  public String scheme() {
    return "file";
  }

  @Override
  public RunStore open(URI root) {
    return DirectoryStore.of(root);
  }
}
