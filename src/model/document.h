// Document: backend-neutral, resolved content. Tailoring turns a Cv into a
// Document; the fitter chooses which blocks and items of it stay; the layout
// engine and the LaTeX writer both render exactly this, so they cannot
// disagree about what is shown.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/rich_text.h"
#include "model/source.h"

namespace cvpress {

struct Header {
  std::string name;
  RichText headline;
  RichText tagline;
  std::vector<RichText> contacts;  // each item one piece (location, e-mail link, ...)
  // Where each part is written in the input (contact_locs parallel to contacts).
  SourceLoc name_loc, headline_loc, tagline_loc;
  std::vector<SourceLoc> contact_locs;
};

// A bullet under an entry.
struct Item {
  RichText text;
  int priority = 3;
  SourceLoc loc;
  std::vector<RichText> subitems = {};  // sub-bullets, kept and dropped with the item
};

enum class BlockKind {
  Entry,     // head line (title left, date right), optional second line
             // (subtitle left, location right), paragraphs, bullet items
  OneLine,   // one paragraph: "**Label:** details"
  Bullet,    // one paragraph behind a bullet mark
  Numbered,  // one paragraph behind a number ("1.")
  Text,      // one plain paragraph
};

// What an Entry block was written as in the CV: the LaTeX writer names its
// macro after it (\cveducation, \cvexperience, \cvpublication, \cventry).
enum class EntryType {
  Normal,       // name: a project, a talk, an award ...
  Education,    // institution, degree and area
  Experience,   // company, position
  Publication,  // title, authors, venue
};

struct Block {
  BlockKind kind = BlockKind::Text;
  EntryType type = EntryType::Normal;  // Entry: what it was written as

  // Entry: the head line and the optional second line.
  RichText title;
  std::string date;
  RichText subtitle;
  std::string location;

  // Entry: paragraphs under the head (summary, venue, link); other kinds:
  // exactly one paragraph, the block's text.
  std::vector<RichText> paragraphs;
  std::vector<Item> items;  // Entry: bullets

  std::string marker;  // Numbered: "1.", "2." ...

  int priority = 3;
  SourceLoc loc;
};

struct DocSection {
  std::string title;
  std::vector<Block> blocks;
  SourceLoc loc = {};  // of its key in the input
};

struct Metadata {
  std::string title;  // "Long Cheng — CV"
  std::string author;
  std::string subject;
  // Comma separated: the tags of what the tailoring keeps, sorted; a CV
  // without tags has its section titles instead, in order.
  std::string keywords;
};

// The characters the style's own faces cannot draw, each with the fallback
// font (1-based, Style::fallbacks) that draws it (text/fallback.h).
using FallbackMap = std::map<char32_t, int>;

struct Document {
  Header header;
  std::vector<DocSection> sections;
  Metadata meta;
  bool footer = false;  // "Name — page N of M" at the foot of every page
  FallbackMap fallback;
};

// Calls fn(text, field, loc) for every rich text of the document, in reading
// order; `field` names it for messages ("title", "item", ...). Works on a
// const or a mutable Document.
template <class Doc, class Fn>
void for_each_text(Doc& doc, Fn&& fn) {
  static const SourceLoc nowhere;
  auto& h = doc.header;
  fn(h.headline, "headline", h.headline_loc);
  fn(h.tagline, "tagline", h.tagline_loc);
  for (std::size_t i = 0; i < h.contacts.size(); ++i)
    fn(h.contacts[i], "contact", i < h.contact_locs.size() ? h.contact_locs[i] : nowhere);
  for (auto& section : doc.sections) {
    for (auto& block : section.blocks) {
      fn(block.title, "title", block.loc);
      fn(block.subtitle, "subtitle", block.loc);
      for (auto& paragraph : block.paragraphs) fn(paragraph, "text", block.loc);
      for (auto& item : block.items) {
        fn(item.text, "highlight", item.loc);
        for (auto& sub : item.subitems) fn(sub, "highlight", item.loc);
      }
    }
  }
}

}  // namespace cvpress
