package io.esteira.runtime.store;

import java.net.URI;

/**
 * Opens a {@link RunStore} for the store roots of one URI scheme. The launcher finds providers with
 * {@link java.util.ServiceLoader}: the {@code file} scheme is built in, {@code s3} comes with the
 * {@code esteira-s3} module.
 */
public interface RunStoreProvider {

  /** The URI scheme this provider opens, such as {@code s3}. */
  String scheme();

  /** A store rooted at {@code root} (a directory-like URI ending in {@code /}). */
  RunStore open(URI root);
}
