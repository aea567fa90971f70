package io.esteira.core.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known word a typo was meant to be, by edit distance (insertions, deletions,
 * substitutions and swaps of neighbours each count one).
 */
final class DidYouMean {

  private DidYouMean() {}

  /**
   * The closest candidate within a distance that still looks like a typo (about a third of the
   * word; only a difference of case for words of three letters or fewer), or empty. Ties keep the
   * candidates' iteration order, so results are stable.
   */
  static Optional<String> closest(String typo, Collection<String> candidates) {
    String lower = typo.toLowerCase(Locale.ROOT);
    // Short words are too close to each other for edits to mean a typo (gpu is not cpu).
    int limit = typo.length() <= 3 ? 0 : Math.min(3, (typo.length() + 1) / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit && !typo.equals(best) ? Optional.of(best) : Optional.empty();
  }

  /** {@code "; did you mean 'x'?"}, or the empty string when nothing is close. */
  static String suffix(String typo, Collection<String> candidates) {
    return closest(typo, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /** {@code " (did you mean 'x'?)"}, for a hint inside a sentence, or the empty string. */
  static String aside(String typo, Collection<String> candidates) {
    return closest(typo, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  /** Optimal string alignment distance. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}
