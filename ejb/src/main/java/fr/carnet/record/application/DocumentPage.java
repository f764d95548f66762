package fr.carnet.record.application;

import fr.carnet.record.model.DocumentListing;
import fr.carnet.record.model.DocumentQuery;
import java.util.List;

/** One page of a search, and where the next one starts (null on the last page). */
public record DocumentPage(List<DocumentListing> items, DocumentQuery.Position next) {}
