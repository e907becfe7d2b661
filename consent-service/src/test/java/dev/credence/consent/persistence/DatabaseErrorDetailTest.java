package dev.credence.consent.persistence;

import dev.credence.common.testing.DatabaseErrorDetail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** A database error never quotes the row it was about (`logServerErrorDetail=false`). */
@QuarkusTest
class DatabaseErrorDetailTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void aConstraintViolationDoesNotQuoteTheRow() throws Exception {
    DatabaseErrorDetail.assertRowNotQuoted(dataSource);
  }
}
