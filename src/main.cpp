// pageaudit: the command-line driver. All the work is in the layers' libraries; run_cli is in
// pageaudit_cli.
#include "pageaudit/cli/app.h"

int main(int argc, char** argv) {
  return pageaudit::run_cli(argc, argv);
}
