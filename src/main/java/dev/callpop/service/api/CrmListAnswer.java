package dev.callpop.service.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/v1/crms}.
 *
 * @param crms the CRMs served here, ordered by id
 */
public record CrmListAnswer(@Schema(description = "Every CRM served here.") List<CrmAnswer> crms) {
}
