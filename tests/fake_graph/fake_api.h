// The fake Graph server's API semantics: answers to Graph GETs, as JSON text, without any HTTP.
//
// Covers what a pull uses: the Page node (fields and field expansion of insights and posts),
// /{id}/insights (day/week/days_28 and lifetime, object values, breakdowns, since/until windows
// of at most 93 days, paging URLs that carry the token as Meta's do), /{page}/published_posts
// and /{post}/comments with cursors, post nodes, and /me/accounts.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "json_writer.h"
#include "pageaudit/core/date.h"

namespace pageaudit::fake {

using Params = std::map<std::string, std::string>;

struct ApiContext {
  std::string base_url;               // "http://127.0.0.1:PORT", for paging URLs
  std::string version;                // "v25.0"
  std::string token;                  // written into paging URLs, as Meta does
  Date today;                         // data ends the day before
  int pages = 0;                      // how many Pages /me/accounts lists
  bool omit_comment_authors = false;  // answer comments without "from", as for a non-admin token
  // Quirks of real answers: the first day of every Page series as "value": [] (an empty
  // breakdown), and each post's first comment without "id".
  bool empty_first_day = false;
  bool first_comment_without_id = false;
};

// A Graph error, rendered as {"error": {...}} with this HTTP status.
struct ApiError {
  int status = 400;
  int code = 100;
  int subcode = 0;
  std::string type = "OAuthException";
  std::string message;
  bool is_transient = false;
};

struct Answer {
  int status = 200;
  std::string body;
};

// {"error":{"message":..,"type":..,"code":..,"error_subcode":..,"is_transient":..,"fbtrace_id":..}}
// as a body of its own, or written as the next value of w.
std::string error_body(const ApiError& error);
void write_error(JsonWriter& w, const ApiError& error);

// Writes the answer to GET /{version}/{path}?{params}, the data or the Graph error, as one JSON
// value, and returns its HTTP status. path has neither the leading '/' nor the version
// ("123/insights"), params are decoded and exclude access_token.
int answer_get(const ApiContext& context, std::string_view path, const Params& params,
               JsonWriter& w);

}  // namespace pageaudit::fake
