package dev.callpop.adapter.addonfixture;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import dev.callpop.spi.Contact;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmDescription;
import dev.callpop.spi.OpenUrl;

/**
 * A CRM adapter shaped like a vendor's contribution, on callpop's test classpath only: the service's
 * tests show that it is discovered and served with no change to the service.
 */
@ApplicationScoped
public class AcmeCrmAdapter implements CrmAdapter {

    private static final CrmDescription DESCRIPTION = new CrmDescription(
            "Acme CRM (test add-on)", List.of("*.acme-crm.test"), Optional.empty(), false, false, List.of());

    @Override
    public String id() {
        return "acme";
    }

    @Override
    public CrmDescription description() {
        return DESCRIPTION;
    }

    @Override
    public OpenUrl contactPage(Contact contact, CrmContext context) {
        return OpenUrl.inTab(UriBuilder.fromUri("https://{hostname}/contacts/{id}")
                .buildFromMap(Map.of("hostname", context.hostname(), "id", contact.id())));
    }
}
