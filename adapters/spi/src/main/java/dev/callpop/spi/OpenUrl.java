package dev.callpop.spi;

import java.net.URI;
import java.util.Objects;

/**
 * Open a CRM page.
 *
 * @param url    the page; {@code https} on one of the CRM's hosts
 * @param target where the client opens it
 */
public record OpenUrl(URI url, Target target) implements ClientAction {

    /** Checks both parts are present. */
    public OpenUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(target, "target");
    }

    /**
     * Open a page in a new browser tab.
     *
     * @param url the page
     * @return the action
     */
    public static OpenUrl inTab(URI url) {
        return new OpenUrl(url, Target.TAB);
    }

    /**
     * Open a page in a popup window (Bullhorn's record windows, for example).
     *
     * @param url the page
     * @return the action
     */
    public static OpenUrl inPopup(URI url) {
        return new OpenUrl(url, Target.POPUP);
    }

    /** Where a page opens. */
    public enum Target {
        /** A new browser tab. */
        TAB,
        /** A popup window. */
        POPUP
    }
}
