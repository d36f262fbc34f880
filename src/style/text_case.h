// Letter case of a text style. An uppercase style changes the text itself,
// the same way for both backends (the LaTeX writer emits the uppercased
// words; it never uses \MakeUppercase), so widths and line breaks agree.
#pragma once

#include <string>
#include <string_view>

#include "model/rich_text.h"
#include "style/style.h"

namespace cvpress {

// UTF-8 text in upper case: ASCII, Latin-1, Latin Extended-A, Greek and
// Cyrillic letters; every other character (ß, digits, symbols) unchanged.
std::string to_upper(std::string_view utf8);

// `text` in `text_case`: only ordinary text spans change; code, math and
// link targets keep their case.
std::string with_case(std::string_view text, TextCase text_case);
RichText with_case(const RichText& text, TextCase text_case);

}  // namespace cvpress
