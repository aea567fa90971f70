/**
 * What Esteira tells a user, as structured data.
 *
 * <p>A {@link io.esteira.diagnostics.Diagnostic} is a {@link io.esteira.diagnostics.Severity}, a
 * catalogue entry ({@link io.esteira.diagnostics.Message}: a stable code and a template with its
 * remedy), the arguments that fill the template, and an optional typed {@link
 * io.esteira.diagnostics.Origin}:
 *
 * <ul>
 *   <li>{@link io.esteira.diagnostics.SourcePosition}: a file, line and column, for everything read
 *       from a file such as {@code config.yaml};
 *   <li>{@link io.esteira.diagnostics.Origin.StepAttribute}: an attribute of a {@code @Step}
 *       method's annotation (which step, which attribute, which item of {@code after});
 *   <li>{@link io.esteira.diagnostics.Origin.PipelineAttribute}: an attribute of {@code @Pipeline}.
 * </ul>
 *
 * <p>The text is made from the entry and the arguments; nothing downstream parses it. Whoever
 * reports a diagnostic decides where it goes from the origin: the command line prints {@link
 * io.esteira.diagnostics.Diagnostic#render()} ({@code config.yaml:12:9: error: [CODE] text}); the
 * annotation processor maps an annotation origin onto its element and annotation value, so the
 * compiler underlines the value at fault. Tests assert on the code, the arguments and the origin.
 *
 * <p>Validators add to {@link io.esteira.diagnostics.Diagnostics} and never throw, so a user sees
 * every problem at once. No type here depends on a compiler or on any library.
 */
package io.esteira.diagnostics;
