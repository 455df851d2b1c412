// redact(): registered secrets and token-bearing URL parameters never survive.
#include <doctest/doctest.h>

#include "pageaudit/core/redact.h"

using namespace pageaudit;

TEST_CASE("redact masks token parameters in URLs and keeps what follows them") {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"GET https://graph.facebook.com/v25.0/1/insights?access_token=EAAB12x&since=1",
       "GET https://graph.facebook.com/v25.0/1/insights?access_token=[REDACTED]&since=1"},
      {"https://x/?a=1&access_token=EAA.b-c_d%3D: HTTP 500",
       "https://x/?a=1&access_token=[REDACTED]: HTTP 500"},
      {"\"next\":\"https://x/?access_token=abc\"",
       "\"next\":\"https://x/?access_token=[REDACTED]\""},
      {"appsecret_proof=ff00&client_secret=s3&input_token=t",
       "appsecret_proof=[REDACTED]&client_secret=[REDACTED]&input_token=[REDACTED]"},
      {"access_token=[REDACTED]", "access_token=[REDACTED]"},
      {"no secrets here", "no secrets here"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(redact(c.in) == c.out);
  }
}

TEST_CASE("redact masks a registered secret wherever it appears") {
  register_secret("tok-SECRET-123");
  CHECK(redact("token tok-SECRET-123 in text, twice: tok-SECRET-123") ==
        "token [REDACTED] in text, twice: [REDACTED]");
  register_secret("");   // ignored
  register_secret("t");  // too short to be a token: it would blank every "t"
  CHECK(redact("plain text") == "plain text");
}

TEST_CASE("a secret is registered without the whitespace around it") {
  // As $PAGEAUDIT_TOKEN often holds it, from `export PAGEAUDIT_TOKEN=$(cat file)` or a file's line.
  register_secret("  tok-WHITESPACE-456\n");
  CHECK(redact("got tok-WHITESPACE-456.") == "got [REDACTED].");
}
