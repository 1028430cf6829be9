from djsc.cli import main

raise SystemExit(main())
