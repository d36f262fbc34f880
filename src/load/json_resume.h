// JSON Resume (jsonresume.org, schema v1.0.0) input.
//
// A JSON Resume file is read in two steps, the same two that `cvpress import`
// takes: its JSON is mapped onto the cvpress YAML schema (json_resume_to_yaml),
// and that YAML is read by the ordinary loader. Building a JSON file and
// building the YAML that `cvpress import` writes for it therefore give the
// same CV, by construction; every diagnostic is still reported at its place in
// the JSON file.
//
// The mapping (sections in the order the file gives them, the summary first):
//   basics     name, label -> headline, email, phone, url -> website,
//              location (city, region, countryCode) -> location,
//              profiles -> social_networks, summary -> a "Summary" section
//   work       -> experience: company (linked to url), position, location, dates,
//                 summary, highlights
//   volunteer  -> volunteering: organization as the company, as work
//   education  -> education: institution (linked to url), area, studyType as degree,
//                 dates; score and courses as highlights
//   awards     -> normal entries "title, awarder" with date and summary
//   certificates -> normal entries "name, issuer" with date and url
//   publications -> publication entries: name as title, publisher as journal,
//                 releaseDate, url (a doi.org URL as doi), summary
//   skills, languages, interests -> one-line entries (label: details)
//   references -> normal entries: name, the reference as summary
//   projects   -> normal entries: name, dates, url, description as summary,
//                 highlights, keywords as tags
// A missing endDate after a startDate means the entry is ongoing (`present`),
// as JSON Resume has it. Texts are read as cvpress markup, as in the YAML.
// Fields without a counterpart (basics.image, the street address, work
// descriptions, project roles, ...) are warnings, and comments in the YAML.
#pragma once

#include <string>
#include <string_view>

#include "load/diagnostics.h"
#include "load/yaml_loader.h"
#include "load/yaml_writer.h"

namespace cvpress {

// Whether `path` names a JSON file (ends with ".json", in any case).
bool is_json_file_name(std::string_view path);

struct JsonResumeYaml {
  WrittenYaml yaml;    // the cvpress YAML; empty text when the JSON cannot be read
  Diagnostics diags;   // problems of the JSON file, located in it
  std::string source;  // the JSON text (without a BOM), for diags.render()
};

// Maps the JSON Resume `text` onto cvpress YAML. `file_name` is used in
// source locations and in the YAML's heading comment.
JsonResumeYaml json_resume_to_yaml(std::string text, const std::string& file_name);

// Loads a JSON Resume file's text as load_cv_text loads YAML: the options'
// profile and overrides apply to the mapped YAML (paths as in a cvpress file).
LoadResult load_json_resume_text(std::string text, const std::string& file_name,
                                 const LoadOptions& options = {});

}  // namespace cvpress
