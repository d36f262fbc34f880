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
