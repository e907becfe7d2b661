package dev.credence.consent.messaging;

import dev.credence.common.events.PoisonEventException;
import dev.credence.common.messaging.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * The batch consumers' own dead-letter sender (disclosure events, and the records topic's dispute
 * updates): a poll's poison event goes to the dead-letter topic on its own, under its original key,
 * with where and why in headers, acknowledged before the rest of the poll is applied ({@link
 * DeadLetter}). It used to be sent bare: no reason, no key, no way to tell where it came from, and
 * never waited for.
 */
@ApplicationScoped
public class DeadLetters {
  private static final Logger LOG = Logger.getLogger(DeadLetters.class);

  @Inject
  @Channel("disclosure-dead-letters")
  Emitter<String> deadLetters;

  public void send(DeadLetter.In in, PoisonEventException e) {
    // the reason only: an event carries subject and lender ids
    LOG.warnf("Poison event at %s sent to the dead-letter topic: %s", in.where(), e.getMessage());
    DeadLetter.send(deadLetters, in, e);
  }
}
