import Testing
import Nash
