#include <catch2/catch.hpp>

#include "text/utf8.h"

using namespace cvpress;

TEST_CASE("utf8: well-formed sequences decode and encode back", "[utf8]") {
  const std::string text = "a\xC3\xA9\xE7\x8E\x8B\xF0\x9F\x98\x80";  // a é 王 😀
  CHECK(decode_utf8(text) == U"a\u00E9\u738B\U0001F600");
  CHECK(encode_utf8(decode_utf8(text)) == text);
  CHECK(utf8_length(text) == 4);
  CHECK(utf8_sequence_length(text, 1) == 2);
  CHECK(utf8_sequence_length(text, 3) == 3);
  CHECK(utf8_sequence_length(text, 6) == 4);
}

TEST_CASE("utf8: malformed bytes are refused one at a time", "[utf8]") {
  for (const std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                "\x80", "\xFF", "\xE2\x82"}) {
    INFO("bytes: " << bad.size());
    CHECK(utf8_sequence_length(bad, 0) == 0);
    std::size_t i = 0;
    CHECK_FALSE(next_code_point(bad, i).has_value());
    CHECK(i == 1);
    CHECK(decode_utf8(bad).find(U'\uFFFD') == 0);
  }
  CHECK(utf8_lead_length("\xE2\x82", 0) == 2);  // clipped to the text
}

TEST_CASE("utf8: is_utf8 accepts well-formed text only", "[utf8]") {
  CHECK(is_utf8(""));
  CHECK(is_utf8("plain ASCII"));
  CHECK(is_utf8("\xC3\xA9t\xC3\xA9 \xE2\x80\x94 \xF0\x9F\x98\x80"));
  CHECK_FALSE(
      is_utf8("A\x85"
              "B"));                         // a lone continuation byte (yaml-cpp's \N)
  CHECK_FALSE(is_utf8("\xC0\xAF"));          // overlong
  CHECK_FALSE(is_utf8("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(is_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  CHECK_FALSE(is_utf8("\xE2\x80"));          // cut short
}

TEST_CASE("utf8: first_malformed_utf8 finds the first bad byte", "[utf8]") {
  CHECK(first_malformed_utf8("caf\xC3\xA9") == std::string_view::npos);
  CHECK(first_malformed_utf8("caf\xE9 au lait \xFF") == 3);
  CHECK(first_malformed_utf8("\xC3\xA9\xE2\x80") == 2);
}
