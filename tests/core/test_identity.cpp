// Tests for core/identity: normalization as Meta's customer matching does it, and SHA-256.
#include <doctest/doctest.h>

#include <string>

#include "pageaudit/core/identity.h"

namespace pageaudit {
namespace {

TEST_CASE("SHA-256 gives the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 448 bits: the padding no longer fits the last block and needs a second one.
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 fed in pieces equals SHA-256 of the whole, wherever the pieces break") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
  for (size_t cut : {0, 1, 55, 56, 63, 64, 65, 128, 200, 300}) {
    Sha256 hash;
    hash.update(text.substr(0, cut))
        .update(text.substr(cut, 7))
        .update(text.substr(std::min<size_t>(cut + 7, 300)));
    CHECK(hash.hex() == sha256_hex(text));
  }
  CHECK(Sha256().hex() == sha256_hex(""));
}

TEST_CASE("an identifier is stored as the SHA-256 of its normalized form") {
  CHECK(hash_identifier("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("names and e-mails are lower-cased, accent-folded and whitespace-collapsed") {
  struct Case {
    const char* input;
    const char* expected;
  };
  const Case cases[] = {
      {"  José   Muñoz\tGarcía ", "jose munoz garcia"},
      {"ÀÁÂÃÄÅ ÈÉÊË ÌÍÎÏ ÒÓÔÕÖØ ÙÚÛÜ Ç Ñ Ý", "aaaaaa eeee iiii oooooo uuuu c n y"},
      {"àáâãäå èéêë ìíîï òóôõöø ùúûü ç ñ ýÿ", "aaaaaa eeee iiii oooooo uuuu c n yy"},
      {"Straße Æsir Œuvre", "strasse aesir oeuvre"},
      {"Łódź Čapek", "lodz capek"},
      {"Jose\xCC\x81", "jose"},                  // e + combining acute accent (decomposed é)
      {"Ana\xC2\xA0P\xC3\xA9rez", "ana perez"},  // no-break space between the names
      {"  Maria.Lopez@Example.COM ", "maria.lopez@example.com"},
      {"2 × 3", "2 × 3"},                  // not a letter: kept
      {"Київ", "Київ"},                    // outside the Latin table: kept as written
      {"bad \xFF byte", "bad \xFF byte"},  // invalid UTF-8 passes through
      {"   ", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    CHECK(normalize_text(c.input) == c.expected);
  }
}

TEST_CASE("the same name written with and without accents hashes the same") {
  CHECK(hash_identifier(normalize_text("José Muñoz")) ==
        hash_identifier(normalize_text("JOSE  MUNOZ")));
  CHECK(hash_identifier(normalize_text("José Muñoz")) !=
        hash_identifier(normalize_text("Josefa Muñoz")));
}

TEST_CASE("phones become digits with the country code") {
  struct Case {
    const char* input;
    const char* country;
    const char* expected;  // "" for no plausible number
  };
  const Case cases[] = {
      {"612 345 678", "34", "34612345678"},
      {"+34 612-345-678", "34", "34612345678"},
      {"0034612345678", "34", "34612345678"},
      {"34612345678", "34", "34612345678"},  // 11 digits: already international
      {"(+34) 612 34 56 78", "34", "34612345678"},
      {"+44 20 7946 0958", "34", "442079460958"},
      {"020 7946 0958", "44", "442079460958"},  // the national trunk 0 is dropped
      {"1234", "34", ""},
      {"", "34", ""},
      {"+1234567890123456", "34", ""},  // 16 digits: longer than E.164 allows
  };
  for (const Case& c : cases) {
    CAPTURE(c.input);
    const auto phone = normalize_phone(c.input, c.country);
    CHECK(phone.value_or("") == c.expected);
  }
}

TEST_CASE("commenters' ids are hashed as they are and names normalized first, once each") {
  // SHA-256("abc") from FIPS 180-4's own example.
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  AuthorHashes hashes;
  CHECK(hashes.of_id("abc") == abc);
  CHECK(hashes.of_name("  ABC ") == abc);  // normalized to "abc"
  CHECK(hashes.of_id("ABC") != abc);       // an id is not normalized
  const std::string* first = &hashes.of_name("  ABC ");
  CHECK(&hashes.of_name("  ABC ") == first);  // remembered, not hashed again
}

}  // namespace
}  // namespace pageaudit
