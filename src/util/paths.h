/* paths.h — where bangfu's shipped data files (forms/, keymaps/) are. */
#ifndef BANGFU_PATHS_H
#define BANGFU_PATHS_H

/* The folder of shipped data: the environment variable env if set (tests
 * point it at the source tree); else installed, if it holds the file probe;
 * else sub beside the running binary's folder (an uninstalled in-tree build
 * runs src/bangfu, so ../sub) if that holds probe; else installed.
 * malloc'd. */
char *paths_data_dir(const char *env, const char *installed, const char *sub,
		     const char *probe);

/* path as an absolute path (the real path of a file that exists, else the
 * working folder joined to it): what a message names a written file by, so
 * that the user can find it. malloc'd. */
char *paths_absolute(const char *path);
/* The folder path is in ("." for a bare name, "/" for /name). malloc'd. */
char *paths_dir(const char *path);

#endif
