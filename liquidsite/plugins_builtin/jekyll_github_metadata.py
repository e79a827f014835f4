"""jekyll-github-metadata: ``site.github``, from the configuration and environment.

Follows lib/jekyll-github-metadata/ (metadata_drop.rb, repository.rb,
repository_compat.rb, pages.rb, repository_finder.rb, site_github_munger.rb)
of version 2.16 with the network off, as ``PAGES_DISABLE_NETWORK`` does:
everything the gem derives from the repository's name and the ``PAGES_*``
variables is filled in; what only GitHub's API knows (the description,
language, contributors, releases, licence, CNAME...) is empty.

The repository is ``PAGES_REPO_NWO``, else ``repository:`` in
``_config.yml``, else (when ``JEKYLL_ENV`` is development or test) the
``origin`` remote in the site's ``.git/config``.  ``build_revision`` is
``JEKYLL_BUILD_REVISION`` or the commit ``.git/HEAD`` names.  As the gem
does, the plugin sets ``site.title`` to the repository's name when the site
has neither title nor name, and, in production or on a Pages build
(``PAGE_BUILD_ID``), ``site.url`` and ``site.baseurl`` when they are unset.
A ``github:`` hash in the configuration is merged over the computed values.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping
from urllib.parse import urljoin, urlsplit

from ..config import deep_merge

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..site import Site

# pages.rb DEFAULTS.
DEFAULTS = {
    "PAGES_ENV": "development",
    "PAGES_API_URL": "https://api.github.com",
    "PAGES_HELP_URL": "https://help.github.com",
    "PAGES_GITHUB_HOSTNAME": "github.com",
    "PAGES_PAGES_HOSTNAME": "github.io",
    "SSL": "false",
    "SUBDOMAIN_ISOLATION": "false",
}


def env_var(key: str, fallback: str | None = None) -> str:
    """pages.rb ``env_var``: the variable if set and not empty, else a default."""
    value = os.environ.get(key)
    if value:
        return value
    # Ruby: an empty intermediate default ("") still wins over DEFAULTS.
    return fallback if fallback is not None else DEFAULTS.get(key, "")


def _trim(url: str) -> str:
    return url[:-1] if url.endswith("/") else url


class Pages:
    """pages.rb: the GitHub instance the site is built for."""

    @property
    def env(self) -> str:
        return env_var("PAGES_ENV")

    @property
    def ssl(self) -> bool:
        return env_var("SSL") == "true" or self.env == "test"

    @property
    def scheme(self) -> str:
        return "https" if self.ssl else "http"

    @property
    def enterprise(self) -> bool:
        return self.env == "enterprise"

    @property
    def dotcom(self) -> bool:
        return self.env == "dotcom"

    @property
    def custom_domains_enabled(self) -> bool:
        return self.dotcom or self.env == "test"

    @property
    def github_hostname(self) -> str:
        return _trim(env_var("PAGES_GITHUB_HOSTNAME", os.environ.get("GITHUB_HOSTNAME")))

    @property
    def pages_hostname(self) -> str:
        return _trim(env_var("PAGES_PAGES_HOSTNAME", os.environ.get("PAGES_HOSTNAME")))

    @property
    def api_url(self) -> str:
        return _trim(env_var("PAGES_API_URL", os.environ.get("API_URL")))

    @property
    def help_url(self) -> str:
        return _trim(env_var("PAGES_HELP_URL", os.environ.get("HELP_URL")))

    @property
    def github_url(self) -> str:
        return "https://github.com" if self.dotcom else f"{self.scheme}://{self.github_hostname}"


class Repository:
    """repository.rb and repository_compat.rb, for what needs no API call."""

    def __init__(self, nwo: str, pages: Pages) -> None:
        self.nwo = nwo
        self.owner = nwo.split("/")[0]
        self.name = nwo.split("/")[-1]
        self.pages = pages

    @property
    def user_page_domains(self) -> list[str]:
        domains = [self.default_user_domain]
        if not self.pages.enterprise:
            domains.append(f"{self.owner}.github.com".lower())
        return domains

    @property
    def default_user_domain(self) -> str:
        if not self.pages.enterprise and self.owner == "github":
            return f"{self.owner}.{self.pages.github_hostname}".lower()
        if self.pages.enterprise:
            return self.pages.pages_hostname.lower()
        return f"{self.owner}.{self.pages.pages_hostname}".lower()

    @property
    def user_page(self) -> bool:
        if self.pages.enterprise:
            return self.name.lower() == f"{self.owner.lower()}.{self.pages.github_hostname}"
        return self.name.lower() in self.user_page_domains

    @property
    def owner_url(self) -> str:
        return f"{self.pages.github_url}/{self.owner}"

    @property
    def repository_url(self) -> str:
        return f"{self.owner_url}/{self.name}"

    @property
    def git_ref(self) -> str:
        return "master" if self.user_page else "gh-pages"

    @property
    def html_url(self) -> str:
        """repository_compat.rb ``pages_url``, with no CNAME known."""
        pages = self.pages
        if not pages.custom_domains_enabled:
            path = self.owner if self.user_page else self.nwo
            if env_var("SUBDOMAIN_ISOLATION") == "true":
                url = urljoin(f"{pages.scheme}://{pages.pages_hostname}/", path)
            else:
                url = urljoin(f"{pages.github_url}/pages/", path)
        else:
            domain = self.default_user_domain
            if pages.enterprise:
                scheme = pages.scheme
            elif self.owner == "github" and domain.endswith(".github.com"):
                scheme = "https"
            else:
                scheme = "http"
            url = f"{scheme}://{domain}"
            if not self.user_page:
                url = urljoin(url, self.name)
        return url[:-1] if url.endswith("/") else url

    def values(self) -> dict[str, Any]:
        html_url = self.html_url
        return {
            "baseurl": urlsplit(html_url).path,
            "clone_url": f"{self.repository_url}.git",
            "is_project_page": not self.user_page,
            "is_user_page": self.user_page,
            "owner_gravatar_url": f"{self.owner_url}.png",
            "owner_name": self.owner,
            "owner_url": self.owner_url,
            "project_title": self.name,
            "releases_url": f"{self.repository_url}/releases",
            "repository_name": self.name,
            "repository_nwo": self.nwo,
            "repository_url": self.repository_url,
            "tar_url": f"{self.repository_url}/tarball/{self.git_ref}",
            "url": html_url,
            "zip_url": f"{self.repository_url}/zipball/{self.git_ref}",
        }


# What only the API answers: empty with the network off.
API_ONLY: dict[str, Any] = {
    "archived": False,
    "contributors": [],
    "disabled": False,
    "issues_url": None,
    "language": None,
    "latest_release": None,
    "license": None,
    "organization_members": [],
    "owner": None,
    "private": False,
    "project_tagline": None,
    "public_repositories": [],
    "releases": [],
    "show_downloads": False,
    "source": None,
    "wiki_url": None,
}


def git_dir(start: Path) -> Path | None:
    """The ``.git`` folder of the checkout holding *start*, if any."""
    for folder in [start, *start.parents]:
        candidate = folder / ".git"
        if candidate.is_dir():
            return candidate
    return None


def origin_nwo(git: Path | None, hostname: str) -> str | None:
    """repository_finder.rb ``nwo_from_git_origin_remote``, from ``.git/config``."""
    if git is None:
        return None
    try:
        text = (git / "config").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    section = re.search(r'^\[remote "origin"\](.*?)(?=^\[|\Z)', text, re.M | re.S)
    url = re.search(r"^\s*url\s*=\s*(\S+)", section.group(1), re.M) if section else None
    if url is None:
        return None
    remote = url.group(1)
    remote = remote[:-4] if remote.endswith(".git") else remote
    match = re.search(re.escape(hostname) + r"(:|/)([\w-]+)/([\w.-]+)", remote)
    return f"{match.group(2)}/{match.group(3)}" if match else None


def head_revision(git: Path | None) -> str:
    """What ``git rev-parse HEAD`` prints, read from the files."""
    if git is None:
        return ""
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head[5:]
        if (git / ref).is_file():
            return (git / ref).read_text().strip()
        packed = (git / "packed-refs").read_text() if (git / "packed-refs").is_file() else ""
        match = re.search(r"^([0-9a-f]{40}) " + re.escape(ref) + "$", packed, re.M)
        return match.group(1) if match else ""
    except OSError:
        return ""


class MetadataDrop(Mapping[str, Any]):
    """``site.github``: keys sorted, values worked out on first use."""

    # A Ruby Liquid::Drop, not a Hash (see liquidsite.lax.expressions.is_ruby_drop).
    __ruby_drop__ = True

    def __init__(self, site: Site) -> None:
        self._site = site
        self._pages = Pages()
        self._values: dict[str, Any] | None = None

    def nwo(self) -> str | None:
        repo = self._site.config.get("repository")
        from_config = repo if isinstance(repo, str) and "/" in repo else None
        nwo = os.environ.get("PAGES_REPO_NWO") or from_config
        if nwo is None and os.environ.get("JEKYLL_ENV", "development") in ("development", "test"):
            nwo = origin_nwo(git_dir(self._site.source.resolve()), self._pages.github_hostname)
        return nwo

    def repository(self) -> Repository | None:
        nwo = self.nwo()
        return Repository(nwo, self._pages) if nwo else None

    def as_dict(self) -> dict[str, Any]:
        if self._values is None:
            pages = self._pages
            values: dict[str, Any] = {
                "api_url": pages.api_url,
                "build_revision": os.environ.get("JEKYLL_BUILD_REVISION")
                or head_revision(git_dir(self._site.source.resolve())),
                "environment": pages.env,
                "help_url": pages.help_url,
                "hostname": pages.github_hostname,
                "pages_env": pages.env,
                "pages_hostname": pages.pages_hostname,
                "versions": {},
                **API_ONLY,
            }
            repository = self.repository()
            if repository is not None:
                values.update(repository.values())
            self._values = {key: values.get(key) for key in sorted(values)}
        return self._values

    def __getitem__(self, key: str) -> Any:
        return self.as_dict()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.as_dict())

    def __len__(self) -> int:
        return len(self.as_dict())

    def __liquid_str__(self) -> str:
        """metadata_drop.rb ``to_s``: ``JSON.pretty_generate`` of the hash."""
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False)


def munge(site: Site) -> None:
    """site_github_munger.rb ``munge!``: ``site.github`` and the fallbacks."""
    config = site.config
    drop = MetadataDrop(site)
    current = config.get("github")
    if current is None:
        config["github"] = drop
    elif isinstance(current, Mapping):
        config["github"] = deep_merge(drop.as_dict(), dict(current))
    repository = drop.repository()
    if config.get("name") and not config.get("title"):
        site.warn(
            "site.name is set in _config.yml, but many plugins and themes expect site.title "
            "to be used instead. To avoid potential inconsistency, Jekyll GitHub Metadata will "
            "not set site.title to the repository's name."
        )
    elif not config.get("title") and repository is not None:
        config["title"] = repository.name
    production = os.environ.get("JEKYLL_ENV") == "production"
    if (production or os.environ.get("PAGE_BUILD_ID")) and repository is not None:
        parts = urlsplit(repository.html_url)
        if config.get("url") is None:
            config["url"] = f"{parts.scheme}://{parts.netloc}"
        if config.get("baseurl") in (None, "/"):
            config["baseurl"] = parts.path
    site.drop.invalidate()


def register(registry: Registry) -> None:
    registry.add_generator(munge, priority="highest")

