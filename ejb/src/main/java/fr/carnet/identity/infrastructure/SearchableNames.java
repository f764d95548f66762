package fr.carnet.identity.infrastructure;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names as a search compares them: upper case, without accents, separators (space, hyphen,
 * apostrophe) as one space. The same folding is written in SQL, so that the database compares names
 * as typed by an agent with names as enrolled.
 */
final class SearchableNames {

  // Accents go first, in both cases: under the C locale, upper() leaves non-ASCII letters alone.
  private static final String ACCENTED =
      "ÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸàâäáãåçéèêëíìîïñóòôöõúùûüýÿ-'’";
  private static final String PLAIN = "AAAAAACEEEEIIIINOOOOOUUUUYYaaaaaaceeeeiiiinooooouuuuyy   ";

  /** The SQL expression folding the column named by its {@code %s}. */
  static final String SQL =
      "upper(translate(%s, '" + ACCENTED.replace("'", "''") + "', '" + PLAIN + "'))";

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[\\s'’-]+");

  private SearchableNames() {}

  static String of(String name) {
    String folded =
        MARKS.matcher(Normalizer.normalize(name.strip(), Normalizer.Form.NFD)).replaceAll("");
    return SEPARATORS.matcher(folded.toUpperCase(Locale.ROOT)).replaceAll(" ");
  }
}
