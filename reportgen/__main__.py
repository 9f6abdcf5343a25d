from reportgen.console import main

raise SystemExit(main())
