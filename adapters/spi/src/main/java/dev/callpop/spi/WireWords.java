package dev.callpop.spi;

import java.util.Locale;

/**
 * How callpop writes an enum constant on the wire, in settings and in messages: lowercase, with
 * {@code -} for {@code _} ({@link MatchPolicy.OnMultipleMatches#OPEN_ALL} is {@code open-all}), as
 * SmallRye Config reads enum settings.
 */
public final class WireWords {

    private WireWords() {
    }

    /**
     * @param value an enum constant
     * @return its wire word
     */
    public static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param type the enum
     * @param word a wire word, or {@code null}
     * @param <E>  the enum type
     * @return the constant, or {@code null} for {@code null}
     * @throws IllegalArgumentException when no constant has that word
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String word) {
        if (word == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (of(constant).equals(word)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("'" + word + "' is not a " + type.getSimpleName());
    }
}
