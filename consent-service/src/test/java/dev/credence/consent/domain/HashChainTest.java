package dev.credence.consent.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HashChainTest {
  private static List<HashChain.Link> chain(int n) {
    List<HashChain.Link> links = new ArrayList<>();
    String prev = HashChain.GENESIS;
    for (int i = 1; i <= n; i++) {
      String content = "entry-" + i;
      String hash = HashChain.hash(prev, content);
      links.add(new HashChain.Link(i, content, prev, hash));
      prev = hash;
    }
    return links;
  }

  @Test
  void anUntouchedChainVerifies() {
    HashChain.Verdict v = HashChain.verify(chain(5));
    assertTrue(v.valid());
    assertEquals(5, v.entries());
    assertEquals(Optional.empty(), v.firstBroken());
  }

  @Test
  void aModifiedEntryIsTheFirstBrokenLink() {
    List<HashChain.Link> links = chain(5);
    HashChain.Link third = links.get(2);
    links.set(2, new HashChain.Link(3, "entry-3-forged", third.prevHash(), third.entryHash()));
    HashChain.Verdict v = HashChain.verify(links);
    assertFalse(v.valid());
    assertEquals(Optional.of(3L), v.firstBroken());
  }

  @Test
  void aRecomputedHashStillBreaksTheNextLink() {
    List<HashChain.Link> links = chain(5);
    HashChain.Link third = links.get(2);
    String forgedHash = HashChain.hash(third.prevHash(), "forged");
    links.set(2, new HashChain.Link(3, "forged", third.prevHash(), forgedHash));
    assertEquals(Optional.of(4L), HashChain.verify(links).firstBroken());
  }

  @Test
  void aRemovedEntryIsDetected() {
    List<HashChain.Link> links = chain(5);
    links.remove(1);
    assertEquals(Optional.of(2L), HashChain.verify(links).firstBroken());
  }

  private static java.util.Map<Long, String> hashes(List<HashChain.Link> links) {
    java.util.Map<Long, String> m = new java.util.HashMap<>();
    links.forEach(l -> m.put(l.sequence(), l.entryHash()));
    return m;
  }

  @Test
  void somePersonsEntriesVerifyAgainstTheirPredecessorsAlone() {
    List<HashChain.Link> links = chain(6);
    List<HashChain.Link> mine = List.of(links.get(0), links.get(3));
    assertTrue(HashChain.verifyEntries(mine, hashes(links)).valid());
    assertEquals(2, HashChain.verifyEntries(mine, hashes(links)).entries());
  }

  private static java.util.Map<Long, String> prevHashes(List<HashChain.Link> links) {
    java.util.Map<Long, String> m = new java.util.HashMap<>();
    links.forEach(l -> m.put(l.sequence(), l.prevHash()));
    return m;
  }

  @Test
  void aPersonsEntryDeletedOrRewrittenWithItsHashRecomputedBreaksTheCheckForward() {
    List<HashChain.Link> links = chain(6);
    HashChain.Link fourth = links.get(3);
    assertTrue(
        HashChain.verifyEntries(List.of(fourth), hashes(links), prevHashes(links), 6).valid());

    // an insider rewrites my entry (another lender) and recomputes its hash: backwards it still
    // links, forwards the fifth entry names the old hash
    HashChain.Link rewritten =
        new HashChain.Link(
            4, "rewritten", fourth.prevHash(), HashChain.hash(fourth.prevHash(), "rewritten"));
    assertTrue(HashChain.verifyEntries(List.of(rewritten), hashes(links)).valid());
    HashChain.Verdict v =
        HashChain.verifyEntries(List.of(rewritten), hashes(links), prevHashes(links), 6);
    assertFalse(v.valid());
    assertEquals(Optional.of(4L), v.firstBroken());
    assertEquals("the next entry does not link to this one", v.reason());

    // the entry after mine deleted: reported missing
    java.util.Map<Long, String> gap = prevHashes(links);
    gap.remove(5L);
    assertEquals(
        Optional.of(5L),
        HashChain.verifyEntries(List.of(fourth), hashes(links), gap, 6).firstBroken());

    // the last entry of the chain has no successor to check
    assertTrue(
        HashChain.verifyEntries(List.of(links.get(5)), hashes(links), prevHashes(links), 6)
            .valid());
  }

  @Test
  void aChangedEntryOrAForgedPredecessorBreaksThePersonsCheck() {
    List<HashChain.Link> links = chain(6);
    HashChain.Link fourth = links.get(3);
    var forged = new HashChain.Link(4, "forged", fourth.prevHash(), fourth.entryHash());
    assertEquals(
        Optional.of(4L), HashChain.verifyEntries(List.of(forged), hashes(links)).firstBroken());

    // the entry before mine was rewritten with a recomputed hash: my link to it no longer holds
    java.util.Map<Long, String> rewritten = hashes(links);
    rewritten.put(3L, HashChain.hash(links.get(2).prevHash(), "rewritten"));
    HashChain.Verdict v = HashChain.verifyEntries(List.of(fourth), rewritten);
    assertFalse(v.valid());
    assertEquals("previous-hash link broken", v.reason());

    // and a missing predecessor is reported
    java.util.Map<Long, String> gap = hashes(links);
    gap.remove(3L);
    assertEquals(Optional.of(3L), HashChain.verifyEntries(List.of(fourth), gap).firstBroken());
  }

  @Test
  void theVerifierFedOneLinkAtATimeAgreesWithTheWholeListCheck() {
    List<HashChain.Link> intact = chain(7);
    HashChain.Verifier verifier = new HashChain.Verifier();
    intact.forEach(verifier::accept);
    assertEquals(HashChain.verify(intact), verifier.verdict(intact.size()));

    List<HashChain.Link> tampered = new java.util.ArrayList<>(intact);
    HashChain.Link fifth = tampered.get(4);
    tampered.set(
        4,
        new HashChain.Link(
            fifth.sequence(), fifth.content() + "x", fifth.prevHash(), fifth.entryHash()));
    HashChain.Verifier paged = new HashChain.Verifier();
    for (HashChain.Link link : tampered) {
      if (!paged.accept(link)) {
        break;
      }
    }
    assertTrue(paged.isBroken());
    assertEquals(HashChain.verify(tampered), paged.verdict(tampered.size()));
    assertEquals(java.util.Optional.of(5L), paged.verdict(tampered.size()).firstBroken());
    // once broken, later links are not checked and do not change the verdict
    assertFalse(paged.accept(tampered.get(5)));
    assertEquals(java.util.Optional.of(5L), paged.verdict(tampered.size()).firstBroken());
  }
}
