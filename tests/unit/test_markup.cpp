#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/rich_text.h"
#include "text/markup.h"

using namespace cvpress;

namespace Catch {
template <>
struct StringMaker<Span> {
  static std::string convert(const Span& span) {
    std::string out = "{\"" + span.text + "\"";
    if (span.kind == SpanKind::Code) out += " code";
    if (span.kind == SpanKind::Math) out += " math";
    if (span.bold) out += " bold";
    if (span.italic) out += " italic";
    if (!span.link.empty()) out += " link=" + span.link;
    return out + "}";
  }
};
}  // namespace Catch

namespace {

Span text(std::string s) {
  Span span;
  span.text = std::move(s);
  return span;
}

Span bold(std::string s) {
  Span span = text(std::move(s));
  span.bold = true;
  return span;
}

Span italic(std::string s) {
  Span span = text(std::move(s));
  span.italic = true;
  return span;
}

Span bold_italic(std::string s) {
  Span span = bold(std::move(s));
  span.italic = true;
  return span;
}

Span kind(std::string s, SpanKind k) {
  Span span = text(std::move(s));
  span.kind = k;
  return span;
}

Span link(Span span, std::string url) {
  span.link = std::move(url);
  return span;
}

}  // namespace

TEST_CASE("rich text: plain, plain_text and append", "[rich_text]") {
  CHECK(plain("").empty());
  CHECK(plain("word") == RichText{text("word")});
  CHECK(plain_text({text("a "), bold("b"), kind("x^2", SpanKind::Math)}) == "a bx^2");

  RichText head{text("a")};
  append(head, {text("b"), bold("c"), bold("d"), text("")});
  CHECK(head == RichText{text("ab"), bold("cd")});

  RichText maths{kind("x", SpanKind::Math)};
  append(maths, {kind("y", SpanKind::Math)});
  CHECK(maths.size() == 2);  // each formula stays one span
}

TEST_CASE("markup: plain text is one span", "[markup]") {
  CHECK(parse_markup("").empty());
  CHECK(parse_markup("Hello, world.") == RichText{text("Hello, world.")});
}

TEST_CASE("markup: bold, italic and both", "[markup]") {
  CHECK(parse_markup("a **b** c") == RichText{text("a "), bold("b"), text(" c")});
  CHECK(parse_markup("a *b* c") == RichText{text("a "), italic("b"), text(" c")});
  CHECK(parse_markup("a _b_ c") == RichText{text("a "), italic("b"), text(" c")});
  CHECK(parse_markup("a __b__ c") == RichText{text("a "), bold("b"), text(" c")});
  CHECK(parse_markup("***both***") == RichText{bold_italic("both")});
  CHECK(parse_markup("un*frigging*believable") ==
        RichText{text("un"), italic("frigging"), text("believable")});
}

TEST_CASE("markup: nesting", "[markup]") {
  CHECK(parse_markup("**bold *both* bold**") ==
        RichText{bold("bold "), bold_italic("both"), bold(" bold")});
  CHECK(parse_markup("*italic **both** italic*") ==
        RichText{italic("italic "), bold_italic("both"), italic(" italic")});
  CHECK(parse_markup("***a** b*") == RichText{bold_italic("a"), italic(" b")});
  CHECK(parse_markup("***a* b**") == RichText{bold_italic("a"), bold(" b")});
  CHECK(parse_markup("**a _b_ c**") == RichText{bold("a "), bold_italic("b"), bold(" c")});
}

TEST_CASE("markup: underscores inside words are literal", "[markup]") {
  CHECK(parse_markup("snake_case") == RichText{text("snake_case")});
  CHECK(parse_markup("a snake_case_name here") == RichText{text("a snake_case_name here")});
  CHECK(parse_markup("_snake_case_") == RichText{italic("snake_case")});
  CHECK(parse_markup("__init__.py") == RichText{bold("init"), text(".py")});
  CHECK(parse_markup("x_1 and y_2") == RichText{text("x_1 and y_2")});
  CHECK(parse_markup("caf\xC3\xA9_au_lait") == RichText{text("caf\xC3\xA9_au_lait")});
}

TEST_CASE("markup: code is verbatim", "[markup]") {
  CHECK(parse_markup("run `make *all*` now") ==
        RichText{text("run "), kind("make *all*", SpanKind::Code), text(" now")});
  CHECK(parse_markup("`a\\*b`") == RichText{kind("a\\*b", SpanKind::Code)});
  CHECK(parse_markup("**`x`**") == RichText{[] {
          Span span = kind("x", SpanKind::Code);
          span.bold = true;
          return span;
        }()});
}

TEST_CASE("markup: math is verbatim", "[markup]") {
  CHECK(parse_markup("$$\\mathbf{K}_0^{\\mathsf{T}} * x$$") ==
        RichText{kind("\\mathbf{K}_0^{\\mathsf{T}} * x", SpanKind::Math)});
  CHECK(parse_markup("**Formula:** $$a_1 = b_2$$.") ==
        RichText{bold("Formula:"), text(" "), kind("a_1 = b_2", SpanKind::Math), text(".")});
  CHECK(parse_markup("Raised $18M, then $2M") == RichText{text("Raised $18M, then $2M")});
  CHECK(parse_markup("$$a$$$$b$$") ==
        RichText{kind("a", SpanKind::Math), kind("b", SpanKind::Math)});
}

TEST_CASE("markup: links", "[markup]") {
  CHECK(parse_markup("see [arXiv 2503.01873](https://arxiv.org/abs/2503.01873).") ==
        RichText{text("see "), link(text("arXiv 2503.01873"), "https://arxiv.org/abs/2503.01873"),
                 text(".")});
  CHECK(parse_markup("[**Bold** link](u)") ==
        RichText{link(bold("Bold"), "u"), link(text(" link"), "u")});
  CHECK(parse_markup("**[x](u)**") == RichText{link(bold("x"), "u")});
  CHECK(parse_markup("[a_b](https://x.org/a_b_(c)*d*)") ==
        RichText{link(text("a_b"), "https://x.org/a_b_(c)*d*")});
  CHECK(parse_markup("[`code`](u)") == RichText{link(kind("code", SpanKind::Code), "u")});
  CHECK(parse_markup("[](https://x.org)") ==
        RichText{link(text("https://x.org"), "https://x.org")});
  CHECK(parse_markup("[a [b](c) d](e)") == RichText{link(text("a [b](c) d"), "e")});
}

TEST_CASE("markup: backslash escapes", "[markup]") {
  CHECK(parse_markup("\\*not italic\\*") == RichText{text("*not italic*")});
  CHECK(parse_markup("\\_a\\_ \\`b\\` \\[c\\](d) \\$\\$e\\$\\$ \\\\") ==
        RichText{text("_a_ `b` [c](d) $$e$$ \\")});
  CHECK(parse_markup("\\mathbf stays") == RichText{text("\\mathbf stays")});
  CHECK(parse_markup("trailing \\") == RichText{text("trailing \\")});
  CHECK(parse_markup("**a\\***") == RichText{bold("a*")});
}

TEST_CASE("markup: unclosed markers are literal", "[markup]") {
  std::vector<std::string> errors;
  for (const char* s : {"**bold", "*a", "a*", "_a", "`code", "$$x", "[text](url", "[text]",
                        "[text] (url)", "***", "5 * 3 * 2", "a ** b", "``", "`", "$", "[", "]("}) {
    INFO(s);
    CHECK(parse_markup(s, &errors) == RichText{text(s)});
  }
  CHECK(errors.empty());
  // As in CommonMark: the inner run closes first, the rest of the outer is literal.
  CHECK(parse_markup("**a *b**") == RichText{text("*"), italic("a b")});
  CHECK(parse_markup("*a **b*") == RichText{text("*a *"), italic("b")});
}

TEST_CASE("markup: mistakes are reported and kept as written", "[markup]") {
  std::vector<std::string> errors;
  CHECK(parse_markup("see [here]()", &errors) == RichText{text("see [here]()")});
  CHECK(parse_markup("$$ $$", &errors) == RichText{text("$$ $$")});
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].find("no target") != std::string::npos);
  CHECK(errors[1].find("empty math") != std::string::npos);
}

TEST_CASE("markup: adjacent spans of the same style merge", "[markup]") {
  CHECK(parse_markup("**a**__b__") == RichText{bold("ab")});
  CHECK(parse_markup("a\\*b\\_c") == RichText{text("a*b_c")});
  CHECK(parse_markup("[a](u)[b](u)") == RichText{link(text("ab"), "u")});
  CHECK(parse_markup("[a](u)[b](v)").size() == 2);
}

TEST_CASE("markup: strip_markup", "[markup]") {
  CHECK(strip_markup("**Impact:** *up to* 1.65x, see [paper](https://x.org) and `code`") ==
        "Impact: up to 1.65x, see paper and code");
  CHECK(strip_markup("snake_case") == "snake_case");
}

TEST_CASE("markup: pathological input stays linear", "[markup]") {
  std::string closers, openers, brackets, ticks, mixed;
  for (int i = 0; i < 100000; ++i) {
    closers += "a* ";
    openers += " *a";
    brackets += "[";
    ticks += "`` ";
    mixed += "_a *b [c](";
  }
  CHECK(plain_text(parse_markup(closers)) == closers);
  CHECK(plain_text(parse_markup(openers + closers)).size() < (openers + closers).size());
  CHECK(plain_text(parse_markup(brackets)) == brackets);
  CHECK(plain_text(parse_markup(ticks)) == ticks);
  CHECK(plain_text(parse_markup(mixed)) == mixed);
}

TEST_CASE("markup: sub-bullets split at ` - `, as RenderCV does", "[markup]") {
  using V = std::vector<std::string_view>;
  CHECK(split_sub_bullets("Reduced costs - caching - indexing") ==
        V{"Reduced costs", "caching", "indexing"});
  CHECK(split_sub_bullets("No sub-bullets here, nor-here") == V{"No sub-bullets here, nor-here"});
  CHECK(split_sub_bullets("A dash \\- kept - a sub") == V{"A dash \\- kept", "a sub"});
  CHECK(split_sub_bullets("Code `a - b` and $$x - y$$ - sub") ==
        V{"Code `a - b` and $$x - y$$", "sub"});
  CHECK(split_sub_bullets("A [link - text](https://x.org/a-b) - sub") ==
        V{"A [link - text](https://x.org/a-b)", "sub"});
  // A bracket that is no link protects nothing.
  CHECK(split_sub_bullets("[draft] Did X - sub [link](u)") == V{"[draft] Did X", "sub [link](u)"});
  // Unclosed code and math are literal: they protect nothing either.
  CHECK(split_sub_bullets("a `b - c") == V{"a `b", "c"});
  CHECK(split_sub_bullets("Main -  - sub - ") == V{"Main", "sub"});
  CHECK(parse_markup("a \\- b") == plain("a - b"));
}
