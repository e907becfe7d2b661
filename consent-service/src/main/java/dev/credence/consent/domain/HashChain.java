package dev.credence.consent.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A hash chain over log entries: {@code hash(n) = SHA-256(hash(n-1) + "\n" + content(n))}, with the
 * genesis hash {@link #GENESIS}. Changing, removing or reordering any entry breaks every later
 * link.
 */
public final class HashChain {
  public static final String GENESIS = "0".repeat(64);

  /** One entry as stored: its sequence, canonical content, and the two hashes recorded with it. */
  public record Link(long sequence, String content, String prevHash, String entryHash) {}

  /** The result of a verification; {@code firstBroken} is the first sequence that fails. */
  public record Verdict(boolean valid, long entries, Optional<Long> firstBroken, String reason) {}

  private HashChain() {}

  public static String hash(String prevHash, String content) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(prevHash.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(content.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks links in sequence order. */
  public static Verdict verify(List<Link> links) {
    Verifier verifier = new Verifier();
    for (Link link : links) {
      if (!verifier.accept(link)) {
        break;
      }
    }
    return verifier.verdict(links.size());
  }

  /**
   * Checks a chain fed to it in sequence order, one link at a time, so that a caller can read the
   * log a page at a time and memory does not grow with the log. Stops at the first broken link.
   */
  public static final class Verifier {
    private String expectedPrev = GENESIS;
    private long expectedSequence = 1;
    private Long firstBroken;
    private String reason;

    /** The next link; false once the chain is broken (further links are ignored). */
    public boolean accept(Link link) {
      if (firstBroken != null) {
        return false;
      }
      if (link.sequence() != expectedSequence) {
        return broken(expectedSequence, "entry missing or out of order");
      }
      if (!link.prevHash().equals(expectedPrev)) {
        return broken(link.sequence(), "previous-hash link broken");
      }
      if (!hash(link.prevHash(), link.content()).equals(link.entryHash())) {
        return broken(link.sequence(), "entry content does not match its hash");
      }
      expectedPrev = link.entryHash();
      expectedSequence++;
      return true;
    }

    /** Whether a link failed so far. */
    public boolean isBroken() {
      return firstBroken != null;
    }

    /** The verdict so far; {@code entries} is the size of the log checked. */
    public Verdict verdict(long entries) {
      return firstBroken == null
          ? new Verdict(true, entries, Optional.empty(), "chain intact")
          : new Verdict(false, entries, Optional.of(firstBroken), reason);
    }

    private boolean broken(long sequence, String why) {
      firstBroken = sequence;
      reason = why;
      return false;
    }
  }

  /**
   * Checks some entries of the chain on their own (a person's, without reading everyone's): each
   * entry's content matches its hash, and its previous hash is the hash of the entry just before it
   * ({@code predecessors}: sequence to entry hash; the genesis value before entry 1). Cost grows
   * with the entries checked, not with the whole log.
   */
  public static Verdict verifyEntries(
      List<Link> entries, java.util.Map<Long, String> predecessors) {
    return verifyEntries(entries, predecessors, java.util.Map.of(), 0);
  }

  /**
   * As {@link #verifyEntries(List, java.util.Map)}, and each entry is also still linked forward:
   * unless it is the chain's last ({@code tail}), the entry after it exists and names its hash as
   * its previous hash ({@code successors}: sequence to previous hash). Checked backwards only, an
   * entry deleted from the table, or rewritten with its own hash recomputed, went unnoticed,
   * because nothing the check read pointed at it any more.
   */
  public static Verdict verifyEntries(
      List<Link> entries,
      java.util.Map<Long, String> predecessors,
      java.util.Map<Long, String> successors,
      long tail) {
    for (Link link : entries) {
      if (link.sequence() < tail) {
        String next = successors.get(link.sequence() + 1);
        if (next == null) {
          return new Verdict(
              false, entries.size(), Optional.of(link.sequence() + 1), "entry missing");
        }
        if (!next.equals(link.entryHash())) {
          return new Verdict(
              false,
              entries.size(),
              Optional.of(link.sequence()),
              "the next entry does not link to this one");
        }
      }
      String expectedPrev = link.sequence() == 1 ? GENESIS : predecessors.get(link.sequence() - 1);
      if (expectedPrev == null) {
        return new Verdict(
            false, entries.size(), Optional.of(link.sequence() - 1), "entry missing");
      }
      if (!link.prevHash().equals(expectedPrev)) {
        return new Verdict(
            false, entries.size(), Optional.of(link.sequence()), "previous-hash link broken");
      }
      if (!hash(link.prevHash(), link.content()).equals(link.entryHash())) {
        return new Verdict(
            false,
            entries.size(),
            Optional.of(link.sequence()),
            "entry content does not match its hash");
      }
    }
    return new Verdict(true, entries.size(), Optional.empty(), "entries intact and linked");
  }
}
