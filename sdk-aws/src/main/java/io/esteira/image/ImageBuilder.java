package io.esteira.image;

/** Builds one project's image. */
public interface ImageBuilder {

  /**
   * Builds the image {@code request} describes, and pushes it when {@link ImageRequest#push()}.
   *
   * @throws ImageException when the project cannot be built into an image (a message that says what
   *     to fix), or the registry refused it
   */
  BuiltImage build(ImageRequest request) throws ImageException, InterruptedException;
}
