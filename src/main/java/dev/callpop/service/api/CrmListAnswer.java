package dev.callpop.service.api;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/crms}.
 *
 * @param crms the CRMs served here, ordered by id
 */
public record CrmListAnswer(List<CrmAnswer> crms) {
}
