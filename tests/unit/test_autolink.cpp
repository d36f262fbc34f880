#include <catch2/catch.hpp>

#include "text/autolink.h"

using namespace cvpress;

namespace {

// The (text, link) pairs of the linked spans.
std::vector<std::pair<std::string, std::string>> links(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const Span& s : autolink(plain(text))) {
    if (!s.link.empty()) out.emplace_back(s.text, s.link);
  }
  return out;
}

using Links = std::vector<std::pair<std::string, std::string>>;

}  // namespace

TEST_CASE("URLs become links without trailing punctuation", "[autolink]") {
  CHECK(links("see https://example.com/a_b.") ==
        Links{{"https://example.com/a_b", "https://example.com/a_b"}});
  CHECK(links("(https://en.wikipedia.org/wiki/Foo_(bar))") ==
        Links{{"https://en.wikipedia.org/wiki/Foo_(bar)",
               "https://en.wikipedia.org/wiki/Foo_(bar)"}});
  CHECK(links("at www.example.org, or") == Links{{"www.example.org", "https://www.example.org"}});
  CHECK(links("https:// alone").empty());
}

TEST_CASE("e-mail addresses, DOIs and arXiv ids become links", "[autolink]") {
  CHECK(links("mail jane.doe+cv@example.co.uk today") ==
        Links{{"jane.doe+cv@example.co.uk", "mailto:jane.doe+cv@example.co.uk"}});
  CHECK(links("doi:10.1145/3192366.3192379") ==
        Links{{"doi:10.1145/3192366.3192379", "https://doi.org/10.1145/3192366.3192379"}});
  CHECK(links("DOI 10.2514/1.J059844;") ==
        Links{{"10.2514/1.J059844", "https://doi.org/10.2514/1.J059844"}});
  CHECK(links("arXiv 2503.01873 · NeurIPS") ==
        Links{{"arXiv 2503.01873", "https://arxiv.org/abs/2503.01873"}});
  CHECK(links("(arXiv:2604.22312v2)") ==
        Links{{"arXiv:2604.22312v2", "https://arxiv.org/abs/2604.22312v2"}});
}

TEST_CASE("ordinary words, versions and numbers stay text", "[autolink]") {
  CHECK(links("version 2503.01873 of @home, 1.65x E2E, a@b, 10.5 kg").empty());
  const RichText t = autolink(plain("before https://x.org after"));
  REQUIRE(t.size() == 3);
  CHECK(t[0].text == "before ");
  CHECK(t[2].text == " after");
}

TEST_CASE("existing links, code and math are left alone", "[autolink]") {
  RichText text = {Span{"https://a.org", SpanKind::Code, false, false, ""},
                   Span{"see", SpanKind::Text, false, false, "https://b.org"}};
  CHECK(autolink(text) == text);
}

TEST_CASE("addresses without a scheme, mailto: and tel: written in text", "[autolink]") {
  CHECK(links("see arxiv.org/abs/2503.01873.") ==
        Links{{"arxiv.org/abs/2503.01873", "https://arxiv.org/abs/2503.01873"}});
  CHECK(links("code at github.com/zofia-lm/regalloc, docs") ==
        Links{{"github.com/zofia-lm/regalloc", "https://github.com/zofia-lm/regalloc"}});
  CHECK(links("write to mailto:z@y.org today") == Links{{"mailto:z@y.org", "mailto:z@y.org"}});
  CHECK(links("call tel:+44-20-7946-0000.") ==
        Links{{"tel:+44-20-7946-0000", "tel:+442079460000"}});
}

TEST_CASE("old-style arXiv ids become links", "[autolink]") {
  CHECK(links("arXiv:hep-th/9901001") ==
        Links{{"arXiv:hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001"}});
  CHECK(links("(arXiv cond-mat/0102536v2)") ==
        Links{{"arXiv cond-mat/0102536v2", "https://arxiv.org/abs/cond-mat/0102536v2"}});
  // The subject class is not part of the address.
  CHECK(links("in math.GT/0309136;") ==
        Links{{"math.GT/0309136", "https://arxiv.org/abs/math/0309136"}});
  CHECK(links("arXiv:hep-th/99010").empty());
  CHECK(links("foo/9901001 and math/990100a").empty());
}

TEST_CASE("no links in abbreviations, versions, numbers and file names", "[autolink]") {
  CHECK(links("e.g. i.e. U.S. etc. v1.2.3 3.14 1.5x 2/3 and/or I/O km/h").empty());
  CHECK(links("Node.js/React, ASP.NET/C#, config.yaml/json, Example.com/x").empty());
  CHECK(links("tel: 12, tel:abc, mailto:nobody").empty());
}

TEST_CASE("a tel: link holds only digits and a leading +", "[autolink]") {
  CHECK(tel_url("+44 20 7946 0000") == "tel:+442079460000");
  CHECK(tel_url("(555) 010-0100") == "tel:5550100100");
  CHECK(tel_url("00 41 44 1+2") ==
        "tel:0041441"
        "2");
}
