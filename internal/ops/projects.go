package ops

// Projects and environments.
var (
	ListProjects = def(Op{Name: "ListProjects", Method: "GET", Path: "projects/",
		Doc: docs + "projects/list-projects"})
	ListEnvironments = def(Op{Name: "ListEnvironments", Method: "GET", Path: "projects/{projectName}/environments/",
		Doc: docs + "environments/get-environments-by-project"})
	// ListEnvironmentsOlder is the path the first version of the page
	// wrote; ListEnvironments falls back to it.
	ListEnvironmentsOlder = def(Op{Name: "ListEnvironments", Method: "GET", Path: "environments/{projectName}", PagesOnly: true,
		Doc: docs + "environments/get-environments-by-project"})
	// ListAllEnvironments lists every environment of the installation
	// (admin only; not wrapped, see the README).
	ListAllEnvironments = def(Op{Name: "ListAllEnvironments", Method: "GET", Path: "environments/", NotWrapped: true,
		Doc: docs + "environments/list-environments"})
)
