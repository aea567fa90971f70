package io.esteira.local.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Instants as the report shows them: local times in one zone for people, each in a {@code <time>}
 * element whose {@code datetime} and {@code title} keep the UTC instant for machines and for a
 * reader in another zone. Fixed patterns and locale, so the same zone gives the same text.
 */
final class Times {

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

  private final ZoneId zone;
  private final LocalDate day;
  private final Instant start;

  /** Times of a run that started at {@code start}, shown in {@code zone}. */
  Times(ZoneId zone, Instant start) {
    this.zone = zone;
    this.start = start;
    this.day = start.atZone(zone).toLocalDate();
  }

  /** The zone as the header names it: {@code Europe/Lisbon, UTC+01:00}, or {@code UTC}. */
  String zoneLabel() {
    ZoneOffset offset = zone.getRules().getOffset(start);
    String utc = offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    ZoneId normal = zone.normalized();
    return normal instanceof ZoneOffset ? utc : zone.getId() + ", " + utc;
  }

  /** {@code at} with its date: {@code 2026-11-26 23:59:57}. */
  String dateTime(Instant at) {
    return element(at, DATE_TIME.format(at.atZone(zone)));
  }

  /** {@code at} as a clock time, with its date only when it is not the run's first day. */
  String clock(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    return element(
        at, local.toLocalDate().equals(day) ? TIME.format(local) : DATE_TIME.format(local));
  }

  /** {@code at} as plain text for a tooltip: the clock time, no markup. */
  String plain(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    return local.toLocalDate().equals(day) ? TIME.format(local) : DATE_TIME.format(local);
  }

  private static String element(Instant at, String text) {
    String iso = Html.attribute(at.toString());
    return "<time datetime=\"" + iso + "\" title=\"" + iso + "\">" + Html.text(text) + "</time>";
  }
}
