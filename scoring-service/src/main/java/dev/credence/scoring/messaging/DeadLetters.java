package dev.credence.scoring.messaging;

import dev.credence.common.events.PoisonEventException;
import dev.credence.common.messaging.DeadLetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * The batch consumers' own dead-letter sender: a poll's poison record goes to the dead-letter topic
 * on its own, acknowledged before the rest of the poll is applied ({@link DeadLetter}).
 */
@ApplicationScoped
public class DeadLetters {
  private static final Logger LOG = Logger.getLogger(DeadLetters.class);

  @Inject
  @Channel("dead-letters")
  Emitter<String> deadLetters;

  public void send(DeadLetter.In in, PoisonEventException e) {
    // the reason only: an event carries subject ids
    LOG.warnf("Poison event at %s sent to the dead-letter topic: %s", in.where(), e.getMessage());
    DeadLetter.send(deadLetters, in, e);
  }
}
