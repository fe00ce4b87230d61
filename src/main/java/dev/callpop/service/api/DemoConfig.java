package dev.callpop.service.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The demo softphone page: {@code callpop.demo.*}. */
@ConfigMapping(prefix = "callpop.demo")
public interface DemoConfig {

    /**
     * Whether {@code /demo/} serves the demo softphone page. On in the local, dev and test profiles; keep it
     * off in production.
     *
     * @return whether the page is served
     */
    @WithDefault("false")
    boolean enabled();
}
