#include "config.h"
#include "util/paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/err.h"

static bool holds(const char *dir, const char *probe)
{
	char *p = xasprintf("%s/%s", dir, probe);
	bool ok = access(p, R_OK) == 0;
	free(p);
	return ok;
}

char *paths_data_dir(const char *env, const char *installed, const char *sub,
		     const char *probe)
{
	const char *v = getenv(env);
	if (v && *v)
		return xstrdup(v);
	if (holds(installed, probe))
		return xstrdup(installed);
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		char *slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			char *cand = xasprintf("%s/../%s", self, sub);
			if (holds(cand, probe))
				return cand;
			free(cand);
		}
	}
	return xstrdup(installed);
}

char *paths_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash)
		slash[slash == dir] = '\0';
	else
		strcpy(dir, ".");
	return dir;
}

char *paths_absolute(const char *path)
{
	char buf[PATH_MAX];
	if (realpath(path, buf))
		return xstrdup(buf);
	if (path[0] == '/' || !getcwd(buf, sizeof buf))
		return xstrdup(path);
	return xasprintf("%s/%s", buf, path);
}
