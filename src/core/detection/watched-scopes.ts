/** Platforms and topics watched per brand: the busiest of the last day, so cost stays bounded. */
export const TOP_PLATFORMS = 5;
export const TOP_TOPICS = 3;
