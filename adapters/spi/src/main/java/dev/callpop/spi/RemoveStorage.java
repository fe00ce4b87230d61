package dev.callpop.spi;

import java.util.List;

/**
 * Remove keys the client stored for this CRM (browser local storage or extension storage).
 *
 * @param keys the keys to remove; at least one
 */
public record RemoveStorage(List<String> keys) implements ClientAction {

    /** Copies the keys and checks there is at least one. */
    public RemoveStorage {
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("RemoveStorage needs at least one key");
        }
    }
}
