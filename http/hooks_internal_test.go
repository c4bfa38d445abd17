package http

// QueuedWork is how many requests wait for the limiter of computations:
// tests wait on it instead of sleeping while requests queue.
func (s *Server) QueuedWork() int {
	s.work.mu.Lock()
	defer s.work.mu.Unlock()
	return len(s.work.queue)
}
