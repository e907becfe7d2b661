package dev.credence.ingestion.domain;

import java.util.List;

/**
 * The attributes Credence refuses outright, whatever the category or the furnisher: special
 * categories of personal data (GDPR Art. 9), prohibited bases of credit discrimination (ECOA /
 * Regulation B), medical information (FCRA §604(g)), and the data the product brief refuses as out
 * of scope for credit (social media, location traces, contacts and associations).
 *
 * <p>Each rule lists the terms that name it: single words (matched as whole words of a field name,
 * plurals included, and inside run-together names such as {@code applicantmaritalstatus} when at
 * least six letters long) and phrases (matched as consecutive words, or run together). A term
 * written {@code =word} matches whole words only ({@code husband} but not {@code husbandry}). This
 * is a product promise, not a filter to tune: adding a term is fine, removing one needs a reason in
 * docs/ingestion.md.
 */
public enum ProhibitedAttributeRule {
  GDPR_ART9_RACIAL_ETHNIC_ORIGIN(
      "racial or ethnic origin",
      "GDPR Art. 9(1); ECOA 15 U.S.C. §1691(a)(1), Regulation B 12 CFR §1002.6(b)(9)",
      List.of(
          "race",
          "racial",
          "ethnicity",
          "ethnic",
          "ethnic origin",
          "skin colour",
          "skin color",
          "caste",
          "tribe",
          "tribal")),
  ECOA_NATIONAL_ORIGIN(
      "national origin",
      "ECOA 15 U.S.C. §1691(a)(1), Regulation B 12 CFR §1002.6(b)(9); GDPR Art. 9(1)",
      List.of("national origin", "nationality", "country of birth", "birth country")),
  GDPR_ART9_RELIGIOUS_BELIEF(
      "religion or philosophical belief",
      "GDPR Art. 9(1); ECOA 15 U.S.C. §1691(a)(1), Regulation B 12 CFR §1002.6(b)(9)",
      List.of("religion", "religious", "creed", "=church", "philosophical belief", "worldview")),
  GDPR_ART9_POLITICAL_OPINION(
      "political opinion or affiliation",
      "GDPR Art. 9(1)",
      List.of("political", "politics", "party affiliation", "party membership")),
  GDPR_ART9_TRADE_UNION_MEMBERSHIP(
      "trade-union membership",
      "GDPR Art. 9(1)",
      List.of(
          "trade union",
          "union member",
          "union membership",
          "labour union",
          "labor union",
          "unionised",
          "unionized")),
  GDPR_ART9_HEALTH(
      "health or medical information",
      "GDPR Art. 9(1); FCRA 15 U.S.C. §1681b(g) (medical information)",
      List.of(
          "health",
          "medical",
          "medication",
          "diagnosis",
          "diagnoses",
          "disability",
          "disabilities",
          "illness",
          "disease",
          "pregnancy",
          "pregnant",
          "blood type",
          "symptom",
          "handicap")),
  GDPR_ART9_GENETIC_DATA(
      "genetic data",
      "GDPR Art. 9(1), Art. 4(13)",
      List.of("genetic", "genetics", "genome", "genomic", "genotype", "dna")),
  GDPR_ART9_BIOMETRIC_DATA(
      "biometric data",
      "GDPR Art. 9(1), Art. 4(14)",
      List.of(
          "biometric",
          "fingerprint",
          "face template",
          "faceprint",
          "facial",
          "iris",
          "retina",
          "voiceprint",
          "voice print")),
  GDPR_ART9_SEX_LIFE_ORIENTATION(
      "sex life or sexual orientation",
      "GDPR Art. 9(1)",
      List.of("sex life", "sexual", "sexuality", "sexual orientation")),
  ECOA_SEX_GENDER(
      "sex or gender",
      "ECOA 15 U.S.C. §1691(a)(1), Regulation B 12 CFR §1002.6(b)(9)",
      List.of("sex", "gender")),
  ECOA_MARITAL_STATUS(
      "marital status",
      "ECOA 15 U.S.C. §1691(a)(1), Regulation B 12 CFR §1002.6(b)(9)",
      List.of(
          "marital",
          "marital status",
          "married",
          "spouse",
          "spousal",
          "=husband",
          "wife",
          "divorced",
          "widowed",
          "civil partner",
          "civil partnership",
          "civil status")),
  POLICY_SOCIAL_MEDIA(
      "social-media activity",
      "GDPR Art. 5(1)(c) data minimisation; Credence refusal policy (may reveal Art. 9 data)",
      List.of(
          "social media",
          "social network",
          "social profile",
          "facebook",
          "twitter",
          "instagram",
          "tiktok",
          "linkedin",
          "snapchat")),
  POLICY_LOCATION_TRACE(
      "location traces",
      "GDPR Art. 5(1)(c) data minimisation; Credence refusal policy",
      List.of(
          "gps",
          "gps trace",
          "location history",
          "location trace",
          "location data",
          "geolocation",
          "geo location",
          "latitude",
          "longitude",
          "lat",
          "lng",
          "whereabouts",
          "cell tower",
          "geohash",
          "coordinate")),
  POLICY_CONTACTS_ASSOCIATIONS(
      "contacts or associations",
      "GDPR Art. 5(1)(c) data minimisation; Credence refusal policy",
      List.of(
          "contacts",
          "contact list",
          "emergency contact",
          "address book",
          "phonebook",
          "associates",
          "relatives",
          "friend",
          "followers",
          "social graph"));

  private final String attribute;
  private final String law;
  private final List<String> terms;

  ProhibitedAttributeRule(String attribute, String law, List<String> terms) {
    this.attribute = attribute;
    this.law = law;
    this.terms = terms;
  }

  /** What the rule protects, in words ("marital status"). */
  public String attribute() {
    return attribute;
  }

  /** The legal basis of the refusal. */
  public String law() {
    return law;
  }

  /** Words and phrases that name the attribute (lower case, words separated by one space). */
  public List<String> terms() {
    return terms;
  }
}
