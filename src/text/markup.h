// Inline markup of the CV's texts, parsed into rich text:
//
//   **bold**   *italic*   _italic_   ***bold italic***   `code`
//   [text](url)   $$math$$   \* \_ \` \[ \] \( \) \$ \- \\ (escapes)
//
// `_` marks emphasis only at word boundaries, so snake_case stays as written;
// `*` works inside words too. Code and math are taken verbatim (no markup
// inside); link text may hold bold and italic, the URL is taken verbatim.
// Anything that does not close is literal text: parsing never fails.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/rich_text.h"

namespace cvpress {

// Parses `text`. `errors`, when given, receives a message for each construct
// that parsed but is surely a mistake (a link without a target, empty math);
// those are kept as literal text.
RichText parse_markup(std::string_view text, std::vector<std::string>* errors = nullptr);

// The text as a reader sees it, without markup: plain_text(parse_markup(text)).
std::string strip_markup(std::string_view text);

// A highlight's text, then its sub-bullets, as RenderCV writes them: each
// ` - ` outside code, math and link targets starts a sub-bullet ("Cut costs
// - caching - indexing"); `\-` is a dash that does not. The parts are
// trimmed, empty ones left out; the markup in them is not parsed.
std::vector<std::string_view> split_sub_bullets(std::string_view text);

}  // namespace cvpress
