// UTF-8: the one decoder and encoder every stage uses. Well-formed means what
// Unicode says: no overlong forms, no surrogates, nothing past U+10FFFF.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cvpress {

inline bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Bytes of the well-formed sequence at text[i], or 0 when it is malformed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// Bytes of the sequence that text[i] leads as its first byte says, clipped
// to the text (1 for ASCII and stray bytes): for walking text already checked.
std::size_t utf8_lead_length(std::string_view text, std::size_t i);

// The code point at text[i], advancing i past it; nothing (advancing one
// byte) when the sequence is malformed.
std::optional<char32_t> next_code_point(std::string_view text, std::size_t& i);

// The offset of the first malformed byte, or npos when there is none.
std::size_t first_malformed_utf8(std::string_view text);
// Whether the whole text is well-formed UTF-8.
bool is_utf8(std::string_view text);

// The number of code points (each malformed byte counts as one).
std::size_t utf8_length(std::string_view text);

void append_utf8(std::string& out, char32_t c);

// Decodes UTF-8; each malformed byte becomes U+FFFD.
std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view text);

}  // namespace cvpress
