package io.esteira.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** buildah's STEP lines mapped back to the Dockerfile's lines. */
class DockerfileStepsTest {

  private static final String SINGLE_STAGE =
      """
      # The image every step runs in.
      ARG PYTHON=3.11
      FROM python:${PYTHON}-slim

      ENV PYTHONUNBUFFERED=1 \\
          # a comment inside a continued instruction
          PIP_NO_CACHE_DIR=1
      WORKDIR /app
      COPY requirements.txt .
      run pip install \\
          -r requirements.txt
      USER 10001
      """;

  @Test
  void aStepIsFoundAtTheLineItStartsOnPastCommentsArgsAndContinuations() {
    DockerfileSteps steps = DockerfileSteps.parse(SINGLE_STAGE);

    assertThat(steps.line("STEP 1/7: FROM python:3.11-slim")).contains(3);
    assertThat(steps.line("STEP 2/7: ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1")).contains(5);
    assertThat(steps.line("STEP 3/7: WORKDIR /app")).contains(8);
    assertThat(steps.line("STEP 5/7: RUN pip install -r requirements.txt")).contains(10);
    assertThat(steps.line("STEP 6/7: USER 10001")).contains(12);
  }

  @Test
  void aStepOfALaterStageIsFoundInThatStage() {
    DockerfileSteps steps =
        DockerfileSteps.parse(
            """
            FROM busybox AS build
            RUN echo one > /one
            FROM busybox
            COPY --from=build /one /one
            RUN exit 3
            """);

    assertThat(steps.line("[1/2] STEP 2/2: RUN echo one > /one")).contains(2);
    assertThat(steps.line("[2/2] STEP 3/3: RUN exit 3")).contains(5);
    assertThat(steps.line("[2/2] STEP 2/3: COPY --from=build /one /one")).contains(4);
  }

  @Test
  void aStepWhoseKeywordIsNotTheOneAtItsPlaceHasNoLine() {
    DockerfileSteps steps = DockerfileSteps.parse(SINGLE_STAGE);

    assertThat(steps.line("STEP 2/7: RUN something else")).isEmpty();
    assertThat(steps.line("STEP 9/9: RUN beyond the end")).isEmpty();
    assertThat(steps.line("[3/3] STEP 1/1: FROM a stage that is not there")).isEmpty();
    assertThat(steps.line("Getting image source signatures")).isEmpty();
  }

  @Test
  void theImageOfAFromSkipsItsFlagsAndAlias() {
    assertThat(DockerfileSteps.fromImage("FROM --platform=linux/amd64 python:3.11 AS build"))
        .contains("python:3.11");
    assertThat(DockerfileSteps.fromImage("from registry:5000/team/base@sha256:abc"))
        .contains("registry:5000/team/base@sha256:abc");
    assertThat(DockerfileSteps.fromImage("RUN from")).isEmpty();
    assertThat(DockerfileSteps.fromImage("FROM")).isEmpty();
  }
}
