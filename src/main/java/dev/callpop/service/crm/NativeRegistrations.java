package dev.callpop.service.crm;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes a native image must keep for reflection: the standalone SmallRye Fault Tolerance
 * implementation, which its API instantiates through ServiceLoader (no Quarkus extension registers it,
 * because the fault-tolerance extension is not available to callpop's build).
 */
@RegisterForReflection(classNames = "io.smallrye.faulttolerance.standalone.StandaloneSpi")
final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
